/** A loopback TLS listener with a test certificate, for checking what clients verify. */
package dev.spool.testkit.tls;
