/** A System.LoggerFinder (JEP 264): {@code System.getLogger}, and so the JDK's own logging, goes to Spool. */
module dev.spool.jdk {
    requires transitive dev.spool;

    exports dev.spool.jdk;

    provides java.lang.System.LoggerFinder with dev.spool.jdk.SpoolLoggerFinder;
}
