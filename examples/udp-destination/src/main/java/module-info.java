/** A {@code udp} destination for Spool: the worked example of docs/EXTENDING.md. */
module com.example.spool.udp {
    requires dev.spool;

    provides dev.spool.spi.SinkProvider with com.example.spool.udp.UdpSinkProvider;
}
