"""Worker functions for multiprocessing tests (importable by spawned children)."""
import logging
import os
import time

import spool_logging


def log_records(name, count, pace_every=0, pace_seconds=0.0):
    spool_logging.configure_worker()
    log = logging.getLogger("worker." + name)
    for i in range(count):
        log.info("%s-%d", name, i)
        if pace_every and i % pace_every == pace_every - 1:
            time.sleep(pace_seconds)
    return os.getpid()
