/** A Micrometer {@code MeterBinder} for a Spool pipeline: its counters and its destinations' health. */
// micrometer-core is an automatic module (named in its manifest), without module-info.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.spool.micrometer {
    requires transitive dev.spool;
    requires transitive micrometer.core;

    exports dev.spool.micrometer;
}
