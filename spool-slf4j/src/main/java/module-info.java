/** SLF4J 2 provider and java.util.logging handler that send everything through Spool. */
module dev.spool.slf4j {
    requires transitive dev.spool;
    requires transitive org.slf4j;
    requires transitive java.logging;

    exports dev.spool.slf4j;
    exports dev.spool.jul;

    provides org.slf4j.spi.SLF4JServiceProvider with dev.spool.slf4j.SpoolServiceProvider;
}
