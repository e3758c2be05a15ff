"""The collector protocol's client side (docs/protocol.md): address, handshake, event lines out,
cumulative acknowledgements in."""
import encodings.idna  # noqa: F401  imported now: a lazy import in the sender thread can fail after a fork
import json
import select
import socket

DEFAULT_MAX_EVENT_BYTES = 1 << 20


class ProtocolError(OSError):
    """The collector refused the handshake or closed the connection; the text says why."""


def parse_address(address):
    """``tcp://HOST:PORT`` or ``unix:PATH`` into (family, target)."""
    if address.startswith("tcp://"):
        hostport = address[len("tcp://"):]
        host, sep, port = hostport.rpartition(":")
        if not sep or not port.isdigit() or not host:
            raise ValueError("bad collector address %r: expected tcp://HOST:PORT or unix:PATH" % address)
        return socket.AF_INET6 if host.startswith("[") else socket.AF_INET, (host.strip("[]"), int(port))
    if address.startswith("unix:") and len(address) > 5:
        return socket.AF_UNIX, address[len("unix:"):]
    raise ValueError("bad collector address %r: expected tcp://HOST:PORT or unix:PATH" % address)


class Connection:
    """One connection to a collector. Not thread-safe: the sender thread owns it."""

    def __init__(self, address, token, connect_timeout, send_timeout):
        family, target = parse_address(address)
        self.tcp = family != socket.AF_UNIX
        if self.tcp:
            self._sock = socket.create_connection(target, timeout=connect_timeout)
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        else:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self._sock.settimeout(connect_timeout)
            try:
                self._sock.connect(target)
            except OSError:
                self._sock.close()
                raise
        self._send_timeout = send_timeout
        self._inbox = b""
        self.acked = 0          # cumulative acknowledgement of this connection
        self.errors = []        # error lines the collector sent about single lines (malformed)
        try:
            hello = {"spool": 1}
            if token and self.tcp:
                hello["token"] = token
            self._sock.sendall((json.dumps(hello) + "\n").encode("utf-8"))
            answer = self._read_line(connect_timeout)
            if not answer.get("ok"):
                raise ProtocolError("collector at %s refused the handshake: %s" % (address, answer))
            self.max_event_bytes = int(answer.get("max_event_bytes", DEFAULT_MAX_EVENT_BYTES))
        except BaseException:
            self._sock.close()
            raise
        self._sock.settimeout(send_timeout)

    def _read_line(self, timeout):
        self._sock.settimeout(timeout)
        while b"\n" not in self._inbox:
            chunk = self._sock.recv(4096)
            if not chunk:
                raise ProtocolError("collector closed the connection during the handshake")
            self._inbox += chunk
        line, _, self._inbox = self._inbox.partition(b"\n")
        return json.loads(line)

    def send(self, data):
        """Sends ``data`` whole within the send timeout; reads acknowledgements meanwhile so that neither
        side can block the other."""
        view = memoryview(data)
        while view:
            readable, writable, _ = select.select([self._sock], [self._sock], [], self._send_timeout)
            if not readable and not writable:
                raise socket.timeout("collector took no bytes for %ss" % self._send_timeout)
            if readable:
                self._receive()
            if writable:
                n = self._sock.send(view[:1 << 20])
                view = view[n:]

    def poll(self, timeout):
        """Reads what acknowledgements arrived, waiting up to ``timeout`` seconds for the first."""
        readable, _, _ = select.select([self._sock], [], [], timeout)
        if readable:
            self._receive()
        return self.acked

    def _receive(self):
        chunk = self._sock.recv(65536)
        if not chunk:
            raise ProtocolError("collector closed the connection" + self._last_error())
        self._inbox += chunk
        while b"\n" in self._inbox:
            line, _, self._inbox = self._inbox.partition(b"\n")
            try:
                answer = json.loads(line)
            except ValueError:
                raise ProtocolError("collector sent something that is not JSON: %r" % line[:200])
            if "ack" in answer:
                self.acked = max(self.acked, int(answer["ack"]))
            elif "error" in answer:
                self.errors.append(answer)

    def _last_error(self):
        return ": %s" % self.errors[-1] if self.errors else ""

    def close(self):
        try:
            self._sock.close()
        except OSError:
            pass
