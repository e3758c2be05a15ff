/**
 * Internals of Spool's core: how destination types are found. Not exported; may change in any release.
 */
package dev.spool.internal;
