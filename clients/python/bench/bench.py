"""Records/s from 1 and N processes: SpoolHandler into a collector, beside logging.FileHandler (every
process appending to one file) and QueueHandler + QueueListener (every process putting on one
multiprocessing queue, the parent writing one file): the seeds' own patterns, in the same run.

    python3 bench.py --address tcp://127.0.0.1:5170 [--records 50000] [--processes 1 8]

Start the collector first (spool collect, or CollectorProcess from spool-collector's test classes),
writing to a file. The time runs from the moment every worker is ready to log until every record is
durable where it goes: the file closed (FileHandler), the listener drained and the file closed
(QueueHandler), every record acknowledged by the collector, i.e. written and flushed (SpoolHandler).
"""
import argparse
import logging
import logging.handlers
import multiprocessing
import os
import sys
import tempfile
import time

FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s %(route)s"


def _log(n):
    log = logging.getLogger("bench")
    for i in range(n):
        log.info("request %d done in %.2f ms", i, 1.5, extra={"route": "/pay"})


def _worker(mode, n, target, ready, go, queue):
    root = logging.getLogger()
    root.handlers[:] = []
    root.setLevel(logging.INFO)
    if mode == "file":
        handler = logging.FileHandler(target)
        handler.setFormatter(logging.Formatter(FORMAT))
    elif mode == "queue":
        handler = logging.handlers.QueueHandler(queue)
    else:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
        import spool_logging
        handler = spool_logging.SpoolHandler(target, spill_dir=tempfile.mkdtemp(), queue_size=1_000_000,
                                             close_timeout=300)
    root.addHandler(handler)
    ready.release()
    go.wait()
    _log(n)
    handler.close()  # SpoolHandler: waits for every acknowledgement
    if mode == "spool" and handler.stats()["held"]:
        print("not all delivered: %s" % handler.stats(), file=sys.stderr)


def run(mode, processes, n, address, directory):
    ctx = multiprocessing.get_context("spawn")
    target = address if mode == "spool" else os.path.join(directory, "%s-%d.log" % (mode, processes))
    queue = ctx.Queue(-1) if mode == "queue" else None
    listener = None
    if mode == "queue":
        fh = logging.FileHandler(target)
        fh.setFormatter(logging.Formatter(FORMAT))
        listener = logging.handlers.QueueListener(queue, fh)
        listener.start()
    ready = ctx.Semaphore(0)
    go = ctx.Event()
    workers = [ctx.Process(target=_worker, args=(mode, n, target, ready, go, queue)) for _ in range(processes)]
    for w in workers:
        w.start()
    for _ in workers:
        ready.acquire()
    start = time.perf_counter()
    go.set()
    for w in workers:
        w.join()
    if listener is not None:
        listener.stop()
        fh.close()
    elapsed = time.perf_counter() - start
    return processes * n / elapsed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--address", required=True)
    p.add_argument("--records", type=int, default=50_000, help="records per process")
    p.add_argument("--processes", type=int, nargs="+", default=[1, 8])
    args = p.parse_args()
    directory = tempfile.mkdtemp(prefix="spool-pybench-")
    print("python %s, %d records per process, %d CPUs" % (sys.version.split()[0], args.records, os.cpu_count()))
    for processes in args.processes:
        for mode in ("file", "queue", "spool"):
            rate = run(mode, processes, args.records, args.address, directory)
            print("%-6s %d process(es): %9.0f records/s" % (mode, processes, rate))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
