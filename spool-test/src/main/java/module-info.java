/** For applications' own unit tests: a JUnit 5 extension that captures the events a test logs. */
module dev.spool.test {
    requires transitive dev.spool;
    requires transitive org.junit.jupiter.api;

    exports dev.spool.test;
}
