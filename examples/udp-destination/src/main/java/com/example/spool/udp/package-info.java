/**
 * The {@code udp} destination: each event as one UDP datagram, formatted as text or JSON like any other
 * destination. {@link com.example.spool.udp.UdpSinkProvider} is the type configuration finds.
 */
package com.example.spool.udp;
