/**
 * Spool's test kit, core part: a capturing sink (destination type {@code capture}), test events and
 * random awkward ones, allocation measurement, a strict JSON oracle, a small disk. Compiled into core's
 * tests from {@code spool-core/src/testkit} and published to every other module as {@code spool-testkit}.
 */
package dev.spool.testkit;
