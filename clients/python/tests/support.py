"""A real collector for the tests: the command to start one comes from $SPOOL_TEST_COLLECTOR (a JSON list,
set by the JUnit test that runs these tests: java -cp ... dev.spool.collector.CollectorProcess), which
takes ADDRESS OUTPUT [SPILLDIR], prints "ready ..." once it listens and runs until killed."""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

COMMAND = os.environ.get("SPOOL_TEST_COLLECTOR")
needs_collector = unittest.skipUnless(COMMAND, "set $SPOOL_TEST_COLLECTOR (the JUnit test PythonHandlerIT does)")
HERE = os.path.dirname(os.path.abspath(__file__))
#: clients/python: $SPOOL_TEST_CLIENT when the tests run from a copy (PythonHandlerIT), else this file's parent
CLIENT = os.environ.get("SPOOL_TEST_CLIENT") or os.path.dirname(HERE)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CollectorProcess:
    def __init__(self, address, output, log, token=None):
        self.token = token
        self.address = address
        self.output = output
        self.log = log
        self.process = None

    def start(self, timeout=60):
        env = dict(os.environ)
        if self.token:
            env["COLLECTOR_TOKEN"] = self.token
        self.process = subprocess.Popen(json.loads(COMMAND) + [self.address, self.output], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        lines = []

        def read():
            for raw in self.process.stdout:
                lines.append(raw.decode("utf-8", "replace"))

        threading.Thread(target=read, daemon=True).start()
        while time.monotonic() < deadline:
            if any(l.startswith("ready") for l in lines):
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError("collector did not start: " + "".join(lines))

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)
        self.process.stdout.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.kill()


def read_lines(path):
    """Every JSON object of the collector's output file, ledgers included.

    Only whole lines: while the collector runs, a read can end inside the line it is writing, and that
    unterminated tail is not an object yet. A broken line anywhere else still fails the parse.
    """
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        data = f.read()
    whole = data[:data.rfind(b"\n") + 1]
    return [json.loads(line) for line in whole.split(b"\n") if line.strip()]


def read_events(path):
    """The events of the collector's output file, without the ledgers (docs/audit.md)."""
    return [e for e in read_lines(path) if e.get("kind") != "ledger"]


def read_ledgers(path, node=None):
    """The ledger members of the output file's ledger lines (of one process's ``node`` if given), in order."""
    return [e["ledger"] for e in read_lines(path)
            if e.get("kind") == "ledger" and (node is None or e["ledger"]["node"] == node)]


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))


def check_exactly_once_in_order(events, workers, per_worker):
    """Problems (empty when fine): every id once, each worker's messages w-0 .. w-(n-1) in order.
    ``per_worker`` is a count for every worker, or a dict of counts by worker."""
    counts = per_worker if isinstance(per_worker, dict) else {w: per_worker for w in workers}
    problems = []
    ids = set()
    nxt = {}
    for e in events:
        if e["id"] in ids:
            problems.append("duplicate id %s (%s)" % (e["id"], e["message"]))
            continue
        ids.add(e["id"])
        worker, _, n = e["message"].rpartition("-")
        expected = nxt.get(worker, 0)
        if int(n) != expected:
            problems.append("%s: expected %d, found %s" % (worker, expected, n))
        nxt[worker] = int(n) + 1
        if len(problems) > 10:
            return problems
    for w in workers:
        if nxt.get(w, 0) != counts[w]:
            problems.append("%s: %d records, expected %d" % (w, nxt.get(w, 0), counts[w]))
    return problems


def run_script(code, env, timeout=120):
    """Runs ``code`` in a fresh interpreter; returns (exit code, stdout+stderr)."""
    full = dict(os.environ)
    full.update(env)
    p = subprocess.run([sys.executable, "-c", code], env=full, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def run_file(path, args, env, timeout=120):
    """Runs the script ``path`` with ``args`` in a fresh interpreter; returns (exit code, stdout+stderr)."""
    full = dict(os.environ)
    full.update(env)
    p = subprocess.run([sys.executable, path] + list(args), env=full, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace")
