/** A Log4j API 2.x provider that sends everything logged through the Log4j API to Spool. */
module dev.spool.log4j {
    requires transitive dev.spool;
    requires transitive org.apache.logging.log4j;

    exports dev.spool.log4j;

    provides org.apache.logging.log4j.spi.Provider with dev.spool.log4j.SpoolLog4jProvider;
}
