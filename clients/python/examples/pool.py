"""A multiprocessing pool logging through one collector (docs/python.md), in spawn or fork mode.

    python3 examples/pool.py tcp://127.0.0.1:5170 [spawn|fork]
"""
import logging
import multiprocessing
import sys

import spool_logging


def work(n):
    logging.getLogger("example.worker").info("item %d done", n, extra={"item": n})
    return n * n


def main(address, mode):
    spool_logging.setup_logging(address)                      # the parent; sets SPOOL_FORWARD for children
    log = logging.getLogger("example.parent")
    ctx = multiprocessing.get_context(mode)
    pool = ctx.Pool(4, initializer=spool_logging.configure_worker)
    try:
        total = sum(pool.map(work, range(100)))
        pool.close()
        pool.join()   # workers end normally: each waits for its acknowledgements
    finally:
        pool.terminate()
    log.info("pool done", extra={"total": total})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "spawn")
