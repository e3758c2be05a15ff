/**
 * Internals of Spool: the pipeline, clocks, diagnostics and thread factories. Not API; may change in any
 * release.
 */
package dev.spool.internal;
