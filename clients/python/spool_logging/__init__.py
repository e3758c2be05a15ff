"""spool_logging: send Python logging records to a Spool collector (docs/python.md).

    import logging, spool_logging
    spool_logging.setup_logging("tcp://127.0.0.1:5170")        # the parent
    logging.getLogger("app").info("hello", extra={"order_id": "A-17"})

    # each multiprocessing worker (spawn or fork), e.g. Pool(initializer=spool_logging.configure_worker)
    spool_logging.configure_worker()
"""
import atexit
import logging
import os
import subprocess
import time

from ._handler import (ADDRESS_VARIABLE, CLOSE_TIMEOUT_VARIABLE, LEDGER_INTERVAL_VARIABLE, LEVEL_VARIABLE,
                       SPILL_DIR_VARIABLE, TOKEN_VARIABLE, SpoolHandler)

__all__ = ["SpoolHandler", "setup_logging", "configure_worker", "ADDRESS_VARIABLE", "TOKEN_VARIABLE",
           "LEVEL_VARIABLE", "SPILL_DIR_VARIABLE", "CLOSE_TIMEOUT_VARIABLE", "LEDGER_INTERVAL_VARIABLE"]
__version__ = "0.1.0"


def setup_logging(address=None, *, token=None, level=logging.INFO, spill_dir=None, close_timeout=None,
                  ledger_interval=None, logger=None, collector_command=None, **handler_options):
    """In the parent: sends ``logger``'s records (the root logger's by default) to the collector at
    ``address`` and sets the ``SPOOL_FORWARD*`` environment variables, so that every child process, started
    now or later (spawn, forkserver or fork), finds the same collector, token, level, spill directory,
    close timeout and ledger interval through :func:`configure_worker`. Returns the handler.

    ``address`` defaults to ``$SPOOL_FORWARD`` (a parent started by another parent passes it on). With
    ``collector_command`` (a list, such as ``["spool", "collect", "--listen", address, "--config",
    "collector.properties"]``) and no collector answering at ``address``, the command is started and
    waited for (60 s at most); at exit the handler is closed first, then that collector is stopped
    (SIGTERM: it writes what it received). The process is ``handler.collector_process``.
    """
    address = address or os.environ.get(ADDRESS_VARIABLE)
    if not address:
        raise ValueError("no collector address: pass one (tcp://HOST:PORT or unix:PATH) or set $" + ADDRESS_VARIABLE)
    process = None
    if collector_command is not None and not _answers(address, token):
        process = _start_collector(collector_command, address, token)
    os.environ[ADDRESS_VARIABLE] = address
    os.environ[LEVEL_VARIABLE] = logging.getLevelName(level) if isinstance(level, int) else str(level)
    # what is not given here is left as the environment has it (a parent's parent may have set it)
    _set(TOKEN_VARIABLE, token)
    _set(SPILL_DIR_VARIABLE, spill_dir)
    _set(CLOSE_TIMEOUT_VARIABLE, None if close_timeout is None else "%gs" % close_timeout)
    _set(LEDGER_INTERVAL_VARIABLE, None if ledger_interval is None else "%gs" % ledger_interval)
    handler = _install(logging.getLogger(logger), level, handler_options)
    if process is not None:
        handler.collector_process = process
        atexit.register(_stop_collector, handler, process)
    return handler


def _answers(address, token):
    from ._wire import Connection
    try:
        Connection(address, token, 1.0, 1.0).close()
        return True
    except OSError:
        return False


def _start_collector(command, address, token, timeout=60.0):
    process = subprocess.Popen(list(command))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _answers(address, token):
            return process
        if process.poll() is not None:
            raise OSError("the collector command %s ended with exit code %s before listening at %s"
                          % (command, process.returncode, address))
        time.sleep(0.05)
    process.kill()
    raise OSError("the collector command %s did not listen at %s within %ss" % (command, address, timeout))


def _stop_collector(handler, process):
    handler.close()  # first: its last records go to the collector
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def configure_worker(**handler_options):
    """In a child process: sends the root logger's records to the collector its parent named in
    ``$SPOOL_FORWARD`` (with ``$SPOOL_FORWARD_TOKEN``, ``$SPOOL_FORWARD_LEVEL``,
    ``$SPOOL_FORWARD_SPILL_DIR``, ``$SPOOL_FORWARD_CLOSE_TIMEOUT``, ``$SPOOL_FORWARD_LEDGER_INTERVAL``). Works as a ``Pool(initializer=...)``.
    Idempotent: a handler inherited through fork is reused (it restarted itself in the child). Registers the
    handler's ``close`` to run when a multiprocessing child ends, which skips the interpreter's atexit.
    Returns the handler."""
    level = os.environ.get(LEVEL_VARIABLE) or "INFO"
    level = logging.getLevelName(level.upper()) if not level.isdigit() else int(level)
    if level == "WARN":
        level = logging.WARNING
    if not isinstance(level, int):
        raise ValueError("bad $%s: %r" % (LEVEL_VARIABLE, os.environ.get(LEVEL_VARIABLE)))
    return _install(logging.getLogger(), level, handler_options)


def _install(logger, level, handler_options):
    handler = None
    for h in logger.handlers:
        if isinstance(h, SpoolHandler) and not h._closing:
            handler = h
    if handler is None:
        handler = SpoolHandler(**handler_options)
        logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    _close_at_child_exit(handler)
    return handler


def _close_at_child_exit(handler):
    try:
        import multiprocessing
        import multiprocessing.util
    except ImportError:
        return
    if multiprocessing.parent_process() is not None:
        # multiprocessing children leave through os._exit after running these finalizers, not atexit
        multiprocessing.util.Finalize(handler, handler.close, exitpriority=100)


def _set(variable, value):
    if value is not None:
        os.environ[variable] = str(value)
