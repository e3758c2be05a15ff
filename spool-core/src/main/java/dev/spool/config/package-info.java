/**
 * Reading a {@link dev.spool.SpoolConfig} from a properties file: discovery by convention, variable
 * substitution, and validation with errors that name the key, the value and what is accepted.
 */
package dev.spool.config;
