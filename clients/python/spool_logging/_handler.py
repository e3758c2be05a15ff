"""SpoolHandler: a logging.Handler that never blocks its caller on the network.

``emit`` captures the record and puts it on a bounded queue; one sender thread encodes, sends, reads the
collector's cumulative acknowledgements and keeps every line until it is acknowledged: in memory first,
then (after SPILL_AFTER without an acknowledgement, or past ``max_memory``) in the spill file. After a
lost connection it reconnects with backoff and sends everything unacknowledged again, oldest first; the
collector drops by id what it already wrote. ``close`` waits up to ``close_timeout`` for the last
acknowledgements and leaves the rest in the spill file, which the next handler with the same spill
directory and name sends first.
"""
import collections
import logging
import os
import queue
import socket
import sys
import tempfile
import threading
import time
import weakref

from . import _record, _spill, _wire
from ._ids import IdGenerator

ADDRESS_VARIABLE = "SPOOL_FORWARD"
TOKEN_VARIABLE = "SPOOL_FORWARD_TOKEN"
LEVEL_VARIABLE = "SPOOL_FORWARD_LEVEL"
SPILL_DIR_VARIABLE = "SPOOL_FORWARD_SPILL_DIR"
CLOSE_TIMEOUT_VARIABLE = "SPOOL_FORWARD_CLOSE_TIMEOUT"
LEDGER_INTERVAL_VARIABLE = "SPOOL_FORWARD_LEDGER_INTERVAL"

#: A line not acknowledged within this time goes to the spill file (as the Java forwarder's 200 ms).
SPILL_AFTER = 0.2
MIN_RETRY = 0.05
MAX_RETRY = 2.0
#: Most bytes sent before the sender looks at its queue and the acknowledgements again.
SEND_BUDGET = 1 << 20

_handlers = weakref.WeakSet()
_ids = IdGenerator()


def _after_fork_in_child():
    _ids.reseed()
    for h in list(_handlers):
        h._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def default_spill_dir():
    env = os.environ.get(SPILL_DIR_VARIABLE)
    if env:
        return env
    return os.path.join(tempfile.gettempdir(), "spool-python-%d" % os.getuid())


def parse_duration(text):
    """``250ms``, ``5s``, ``2m`` or a number of seconds."""
    t = text.strip().lower()
    for unit, factor in (("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0)):
        if t.endswith(unit) and t[:-len(unit)].strip().replace(".", "", 1).isdigit():
            return float(t[:-len(unit)]) * factor
    return float(t)


class SpoolHandler(logging.Handler):
    """Sends every record to a Spool collector, at least once, without duplicates (docs/python.md).

    :param address: ``tcp://HOST:PORT`` or ``unix:PATH``; default ``$SPOOL_FORWARD``
    :param token: the collector's token (TCP); default ``$SPOOL_FORWARD_TOKEN``
    :param spill_dir: where unacknowledged lines are kept; default ``$SPOOL_FORWARD_SPILL_DIR``, else
        ``<tmp>/spool-python-<uid>``
    :param spill_name: the spill files' name, ``<spill_name>-<slot>.pyspill``; default ``spool``
    :param queue_size: records waiting for the sender thread; past it records are dropped and counted
    :param max_memory: bytes of unacknowledged lines kept in memory before they go to the spill file
    :param max_spill: bytes the spill file may hold; past it (and ``max_memory``) records are dropped
    :param close_timeout: seconds ``close`` waits for acknowledgements; default
        ``$SPOOL_FORWARD_CLOSE_TIMEOUT`` or 10
    :param ledger_interval: seconds between two ledgers (docs/audit.md), one more at ``close``; 0 writes
        none, not even at close; default ``$SPOOL_FORWARD_LEDGER_INTERVAL`` or 10
    :param destination: the name ledgers give this handler's destination; default ``forward``
    """

    def __init__(self, address=None, *, token=None, level=logging.NOTSET, spill_dir=None, spill_name="spool",
                 service=None, queue_size=100_000, max_memory=16 << 20, max_spill=1 << 30, close_timeout=None,
                 connect_timeout=5.0, send_timeout=10.0, ledger_interval=None, destination="forward"):
        super().__init__(level)
        self.address = address or os.environ.get(ADDRESS_VARIABLE)
        if not self.address:
            raise ValueError("no collector address: pass address= or set $" + ADDRESS_VARIABLE)
        _wire.parse_address(self.address)  # fails now, naming the address, rather than in the thread
        self.token = token if token is not None else os.environ.get(TOKEN_VARIABLE)
        self.spill_dir = spill_dir or default_spill_dir()
        self.spill_name = spill_name
        if close_timeout is None:
            env = os.environ.get(CLOSE_TIMEOUT_VARIABLE)
            close_timeout = parse_duration(env) if env else 10.0
        self.close_timeout = float(close_timeout)
        if ledger_interval is None:
            env = os.environ.get(LEDGER_INTERVAL_VARIABLE)
            ledger_interval = parse_duration(env) if env else 10.0
        self.ledger_interval = float(ledger_interval)
        if self.ledger_interval < 0:
            raise ValueError("bad ledger_interval %r: expected 0 (no ledgers) or more seconds" % (ledger_interval,))
        if not destination or len(destination) > 256:
            raise ValueError("bad destination %r: expected a name of 1 to 256 characters" % (destination,))
        self.destination = destination
        self.connect_timeout = float(connect_timeout)
        self.send_timeout = float(send_timeout)
        self.queue_size = int(queue_size)
        self.max_memory = int(max_memory)
        self.max_spill = int(max_spill)
        self.service = service or os.environ.get("SPOOL_SERVICE") or _default_service()
        self._host = socket.gethostname()
        self._start_lock = threading.Lock()
        #: the collector process setup_logging started for this handler, if it started one
        self.collector_process = None
        self._reset()
        _handlers.add(self)
        self._ensure_started()  # sends what an earlier run left in the spill file, even if nothing is logged

    # -- state -----------------------------------------------------------------------------------

    def _reset(self):
        self._queue = queue.SimpleQueue()
        self._wake = threading.Event()
        self._thread = None
        self._closing = False
        self._closed = False
        self._done = threading.Event()
        self._counts_lock = threading.Lock()
        self._dropped = collections.Counter()
        self._last_drop_report = 0.0
        self._reported_drops = 0
        # owned by the sender thread
        self._spill = None
        self._memory = collections.deque()        # (time, line) not yet spilled, oldest first
        self._memory_bytes = 0
        self._head = 0          # sequence number of the oldest unacknowledged line
        self._conn = None
        self._conn_first = 0    # sequence number of the first line sent on this connection
        self._next_send = 0     # sequence number of the next line to send
        self._retry = MIN_RETRY
        self._next_attempt = 0.0
        self._last_save = 0.0
        self._max_event_bytes = _wire.DEFAULT_MAX_EVENT_BYTES
        self._last_problem = 0.0
        self._markers = []      # (sequence number, Event) of wait_delivered calls
        # the ledger (docs/audit.md), owned by the sender thread but for the drops counted above
        self._start_us = int(time.time() * 1_000_000)
        self._next_ledger = time.monotonic() + self.ledger_interval
        self._final_ledger = False
        self._ledger_sent = 0   # records of this handler's own put on their way (memory or spill)
        self._ledger_seqs = collections.deque()  # sequence numbers of ledger lines not yet acknowledged
        self.stats_ledgers = 0
        # published counters
        self.stats_sent = 0
        self.stats_delivered = 0
        self.stats_rejected = 0
        self.stats_held = 0
        self.stats_adopted = 0
        self.stats_spilled = 0

    def _after_fork(self):
        """In a forked child: the parent's thread, connection and spill file stay the parent's. Start afresh."""
        self._reset()

    def _ensure_started(self):
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None and not self._closing:
                thread = threading.Thread(target=self._run, name="spool-sender", daemon=True)
                self._thread = thread
                thread.start()

    # -- the caller's side -----------------------------------------------------------------------

    def emit(self, record):
        try:
            if self._closing:
                self._drop("closed")
                return
            if self._queue.qsize() >= self.queue_size:
                self._drop("queue_full")
                return
            self._queue.put(_record.capture(record))
            if self._thread is None:
                self._ensure_started()
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)

    def _drop(self, reason):
        with self._counts_lock:
            self._dropped[reason] += 1
        now = time.monotonic()
        if now - self._last_drop_report >= 10.0:
            self._last_drop_report = now
            self._report_drops()

    def _report_drops(self):
        with self._counts_lock:
            total = sum(self._dropped.values())
            if total == self._reported_drops:
                return
            self._reported_drops = total
            detail = ", ".join("%s=%d" % kv for kv in sorted(self._dropped.items()))
        _stderr("spool_logging: %d records dropped so far (%s); see docs/python.md" % (total, detail))

    def stats(self):
        """Counters: ``sent`` (lines written to the socket, again after a reconnection, ledgers included),
        ``delivered`` (records acknowledged), ``held`` (records not yet acknowledged, memory and spill file),
        ``spilled``, ``adopted``, ``rejected`` (lines the collector refused), ``dropped`` by reason,
        ``ledgers`` (ledgers made)."""
        with self._counts_lock:
            dropped = dict(self._dropped)
        return {"sent": self.stats_sent, "delivered": self.stats_delivered, "held": self.stats_held,
                "queued": self._queue.qsize(), "spilled": self.stats_spilled, "adopted": self.stats_adopted,
                "rejected": self.stats_rejected, "dropped": dropped, "ledgers": self.stats_ledgers,
                "spill_file": self._spill.path if self._spill else None}

    def wait_delivered(self, timeout):
        """Waits up to ``timeout`` seconds until every record emitted before the call (and everything the
        spill file held) is acknowledged by the collector; True if so. Records dropped do not count."""
        if self._closing:
            return self.stats_held == 0
        self._ensure_started()
        marker = threading.Event()
        self._queue.put(marker)
        return marker.wait(timeout)

    def flush(self):
        """Wakes the sender; does not wait (``close`` and ``wait_delivered`` do)."""
        self._wake.set()

    def close(self):
        """Waits up to ``close_timeout`` for the last acknowledgements; the rest stays in the spill file."""
        with self._start_lock:
            if self._closed:
                return
            self._deadline = time.monotonic() + self.close_timeout
            self._closed = True
            self._closing = True
            thread = self._thread
        if thread is None and self._queue.qsize() > 0:
            self._ensure_started_for_close()
            thread = self._thread
        if thread is not None:
            thread.join(self.close_timeout + 30.0)
        _handlers.discard(self)
        self._report_drops()
        super().close()

    def _ensure_started_for_close(self):
        thread = threading.Thread(target=self._run, name="spool-sender", daemon=True)
        self._thread = thread
        thread.start()

    # -- the sender thread -----------------------------------------------------------------------

    _idle = False
    _deadline = None

    def _run(self):
        encoder = _record.Encoder(_ids, self.service, self._host)
        try:
            self._spill = _spill.SpillFile.open(self.spill_dir, self.spill_name)
            self.stats_adopted = self._spill.adopt_orphans(self.spill_dir, self.spill_name)
            self.stats_held = self._spill.count()
        except OSError as e:
            _stderr("spool_logging: cannot use the spill directory %s (%s); unacknowledged records are kept"
                    " in memory only" % (self.spill_dir, e))
            self._spill = None
        try:
            while True:
                try:
                    self._take(encoder)
                    now = time.monotonic()
                    self._ledger_due(encoder, now)
                    unacked = self._unacknowledged()
                    if self._closing and (not unacked and self._queue.qsize() == 0 or now >= self._deadline):
                        break
                    if self._conn is None and unacked and now >= self._next_attempt:
                        self._connect(now)
                    if self._conn is not None:
                        self._exchange()
                    self._spill_due(time.monotonic())
                    self._publish()
                except Exception as e:  # the thread must not die: what it holds would never be sent
                    self._problem("unexpected error in the sender, retrying: %r" % (e,))
                    if self._conn is not None:
                        self._disconnect(e)
                    time.sleep(MIN_RETRY)
        finally:
            self._finish(encoder)

    def _unacknowledged(self):
        return len(self._memory) + (self._spill.count() if self._spill else 0)

    def _tail(self):
        return self._head + self._unacknowledged()

    def _take(self, encoder):
        """Moves captured records into memory as lines; waits a little when there is nothing to do."""
        busy = self._conn is not None and self._next_send < self._tail()
        in_flight = self._conn is not None and self._unacknowledged() > 0
        timeout = 0 if busy else (0.005 if in_flight else 0.05)
        self._idle = not busy and not in_flight
        taken = 0
        while taken < 10000:
            try:
                item = self._queue.get(timeout=timeout) if taken == 0 and timeout else self._queue.get_nowait()
            except queue.Empty:
                break
            taken += 1
            self._idle = False
            if isinstance(item, threading.Event):
                self._markers.append((self._tail(), item))
                self._release_markers()
                continue
            line = encoder.encode(item)
            if len(line) > self._max_event_bytes:
                self._drop("too_large")
                continue
            if self._memory_bytes + len(line) > self.max_memory and not self._make_room(len(line)):
                self._drop("spill_full")
                continue
            self._memory.append((time.monotonic(), line))
            self._memory_bytes += len(line)
            self._ledger_sent += 1
        if taken == 0 and in_flight:
            if self._conn is not None:
                try:
                    self._conn.poll(0.005)
                except OSError as e:
                    self._disconnect(e)

    def _make_room(self, needed):
        while self._memory and self._memory_bytes + needed > self.max_memory:
            if not self._spill_oldest():
                return False
        return True

    def _spill_oldest(self, limit=1 << 20):
        """Moves the oldest memory lines (about ``limit`` bytes) to the spill file; False if it is full."""
        if self._spill is None or not self._memory:
            return False
        lines = []
        size = 0
        while self._memory and size < limit:
            line = self._memory[0][1]
            if self._spill.bytes() + size + len(line) > self.max_spill:
                break
            self._memory.popleft()
            lines.append(line)
            size += len(line)
        if not lines:
            return False
        self._memory_bytes -= size
        self._spill.append(b"".join(lines), [len(x) for x in lines])
        self.stats_spilled += len(lines)
        return True

    def _spill_due(self, now):
        while self._memory and now - self._memory[0][0] >= SPILL_AFTER:
            if not self._spill_oldest():
                break
        if self._spill is not None and now - self._last_save >= SPILL_AFTER:
            self._spill.save_position()
            self._last_save = now

    def _connect(self, now):
        try:
            self._conn = _wire.Connection(self.address, self.token, self.connect_timeout, self.send_timeout)
        except Exception as e:  # OSError mostly; whatever it is, the next attempt may succeed
            self._next_attempt = now + self._retry
            self._retry = min(MAX_RETRY, self._retry * 2)
            self._problem("cannot reach the collector at %s (%s); %d records wait, retrying"
                          % (self.address, e, self._unacknowledged()))
            return
        self._retry = MIN_RETRY
        self._max_event_bytes = self._conn.max_event_bytes
        self._conn_first = self._head
        self._next_send = self._head  # everything unacknowledged goes again, oldest first

    def _exchange(self):
        conn = self._conn
        try:
            self._acknowledge(conn.poll(0))
            budget = SEND_BUDGET
            while budget > 0 and self._next_send < self._tail():
                data, lines = self._lines_from(self._next_send - self._head, budget)
                conn.send(data)
                self._next_send += lines
                self.stats_sent += lines
                budget -= len(data)
            self._acknowledge(conn.poll(0))
        except OSError as e:
            self._disconnect(e)

    def _lines_from(self, index, budget):
        in_spill = self._spill.count() if self._spill else 0
        if index < in_spill:
            return self._spill.read(index, budget)
        i = index - in_spill
        chunk = []
        size = 0
        while i < len(self._memory) and (not chunk or size + len(self._memory[i][1]) <= budget):
            line = self._memory[i][1]
            chunk.append(line)
            size += len(line)
            i += 1
        return b"".join(chunk), len(chunk)

    def _acknowledge(self, acked):
        upto = self._conn_first + acked
        n = upto - self._head
        if n <= 0:
            return
        in_spill = self._spill.count() if self._spill else 0
        from_spill = min(n, in_spill)
        if from_spill:
            self._spill.acknowledge(from_spill)
        for _ in range(n - from_spill):
            self._memory_bytes -= len(self._memory.popleft()[1])
        self._head = upto
        ledgers = 0
        while self._ledger_seqs and self._ledger_seqs[0] < upto:
            self._ledger_seqs.popleft()
            ledgers += 1
        self.stats_delivered += n - ledgers
        self._release_markers()
        if self._conn is not None and self._conn.errors:
            self.stats_rejected += len(self._conn.errors)
            for error in self._conn.errors[:3]:
                self._problem("the collector refused a record: %s" % (error,))
            self._conn.errors = []

    def _release_markers(self):
        while self._markers and self._markers[0][0] <= self._head:
            self._markers.pop(0)[1].set()

    def _disconnect(self, error):
        conn = self._conn
        self._conn = None
        if conn is not None:
            conn.close()
        self._next_attempt = time.monotonic() + self._retry
        self._problem("lost the connection to the collector at %s (%s); %d records wait, reconnecting"
                      % (self.address, error, self._unacknowledged()))

    def _problem(self, message):
        now = time.monotonic()
        if now - self._last_problem >= 10.0:
            self._last_problem = now
            _stderr("spool_logging: " + message)

    def _publish(self):
        self.stats_held = self._unacknowledged() - len(self._ledger_seqs) + self._queue.qsize()

    def _finish(self, encoder):
        """At close: what was not acknowledged goes to the spill file for the next run."""
        try:
            self._take_all(encoder)
            if self.ledger_interval > 0 and not self._final_ledger:
                self._append_ledger(encoder, True)  # with the records it counts, into the spill file
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            while self._memory and self._spill_oldest(1 << 30):
                pass
            lost = len(self._memory)
            ledgers = len(self._ledger_seqs)
            held = max(0, (self._spill.count() if self._spill else 0) - ledgers)
            self.stats_held = held + lost
            if self._spill is not None:
                path = self._spill.path
                self._spill.close(delete_if_empty=True)
                if held:
                    _stderr("spool_logging: %d records held, not yet delivered: the collector at %s did not"
                            " acknowledge them; kept in %s and sent by the next handler with this spill"
                            " directory" % (held, self.address, path))
            if lost:
                with self._counts_lock:
                    self._dropped["spill_full"] += lost
                _stderr("spool_logging: %d unacknowledged records are lost: the spill file is full or unusable"
                        % lost)
        finally:
            self._done.set()

    def _take_all(self, encoder):
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, threading.Event):
                continue
            line = encoder.encode(item)
            if len(line) > self._max_event_bytes:
                self._drop("too_large")
                continue
            self._memory.append((0.0, line))
            self._memory_bytes += len(line)
            self._ledger_sent += 1

    # -- ledgers ---------------------------------------------------------------------------------

    def _ledger_due(self, encoder, now):
        """Every ``ledger_interval``; once more, final, when closing and every record is taken (so it
        follows them all on the wire)."""
        if self.ledger_interval <= 0 or self._final_ledger:
            return
        if self._closing and self._queue.qsize() == 0:
            self._append_ledger(encoder, True)
        elif now >= self._next_ledger:
            self._append_ledger(encoder, False)

    def _append_ledger(self, encoder, final):
        """Puts a ledger behind every record taken so far: cumulative counts, so one lost or repeated
        changes nothing once a later one arrives."""
        self._next_ledger = time.monotonic() + self.ledger_interval
        self._final_ledger = final
        with self._counts_lock:
            dropped = dict(self._dropped)
        failed = self.stats_rejected
        ledger = {"node": _ids.node_text(), "start_us": self._start_us, "pipeline": "python",
                  "destination": self.destination, "at_us": int(time.time() * 1_000_000),
                  "sent": max(0, self._ledger_sent - failed), "failed": failed, "dropped": dropped,
                  "last_counter": encoder.last_id[18:] if encoder.last_id else "", "final": final}
        line = encoder.ledger(ledger, os.getpid())
        if self._memory_bytes + len(line) > self.max_memory and not self._make_room(len(line)):
            self._problem("no room for a ledger in memory or the spill file; the next one says the same")
            return
        self._ledger_seqs.append(self._tail())
        self._memory.append((time.monotonic(), line))
        self._memory_bytes += len(line)
        self.stats_ledgers += 1


def _default_service():
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return name or "python"


def _stderr(message):
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except Exception:
        pass
