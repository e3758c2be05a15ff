"""How a logging.LogRecord becomes one event line of the JSON Lines schema (docs/formats.md).

``capture`` runs on the caller's thread, inside ``emit``: everything that can change after the call
returns (the message arguments, the values of ``extra``, the traceback) is read there. ``encode`` runs on
the sender thread and turns the captured tuple into bytes.
"""
import json
import logging
import math
import sys
import threading
import time

#: Attributes every LogRecord has; the others came from ``extra={...}`` (or a filter) and become fields.
STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys()) | {
    "message", "asctime", "taskName"}

_STANDARD_COUNT = len(vars(logging.LogRecord("", 0, "", 0, "", (), None)))

#: At most this many exception objects per event (an exception, its causes and contexts), as Spool's own.
MAX_EXCEPTIONS = 100

_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1


def level_name(levelno):
    """WARNING becomes WARN and CRITICAL becomes FATAL; other numbers go to the level at or below them."""
    if levelno >= logging.CRITICAL:
        return "FATAL"
    if levelno >= logging.ERROR:
        return "ERROR"
    if levelno >= logging.WARNING:
        return "WARN"
    if levelno >= logging.INFO:
        return "INFO"
    if levelno >= logging.DEBUG:
        return "DEBUG"
    return "TRACE"


def field_value(value):
    """A field value as the schema has them: string, integer (64 bits), finite number, boolean or null."""
    if value is None or value is True or value is False:
        return value
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value) if _INT64_MIN <= value <= _INT64_MAX else str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    try:
        return str(value)
    except Exception as e:  # a __str__ that throws must not lose the record
        return "<str() raised %s>" % type(e).__name__


def _class_name(exc):
    t = type(exc)
    module = t.__module__
    return t.__qualname__ if module in ("builtins", "__main__", None) else module + "." + t.__qualname__


def _frames(tb):
    """Frames innermost first, as Java prints them: ``module.function(file.py:line)``."""
    frames = []
    while tb is not None:
        frame = tb.tb_frame
        code = frame.f_code
        module = frame.f_globals.get("__name__", "?")
        filename = code.co_filename.replace("\\", "/").rsplit("/", 1)[-1]
        frames.append("%s.%s(%s:%d)" % (module, code.co_name, filename, tb.tb_lineno))
        tb = tb.tb_next
    frames.reverse()
    return frames


def exception_object(exc):
    """The exception with its frames and its chain: ``__cause__`` (or an unsuppressed ``__context__``) is
    the ``cause``; a ``__context__`` beside an explicit ``__cause__`` goes to ``suppressed``. A cycle ends
    in an object marked ``circular``; at most MAX_EXCEPTIONS objects."""
    seen = set()
    budget = [MAX_EXCEPTIONS]

    def convert(e):
        if id(e) in seen:
            obj = {"class": _class_name(e)}
            msg = _message(e)
            if msg is not None:
                obj["message"] = msg
            obj["circular"] = True
            return obj
        seen.add(id(e))
        budget[0] -= 1
        obj = {"class": _class_name(e)}
        msg = _message(e)
        if msg is not None:
            obj["message"] = msg
        obj["stack"] = _frames(e.__traceback__)
        cause = e.__cause__
        context = e.__context__
        if cause is None and context is not None and not e.__suppress_context__:
            cause, context = context, None
        if cause is not None and budget[0] > 0:
            obj["cause"] = convert(cause)
        if context is not None and context is not cause and budget[0] > 0 and e.__cause__ is not None:
            obj["suppressed"] = [convert(context)]
        return obj

    return convert(exc)


def _message(e):
    try:
        text = str(e)
    except Exception as err:
        return "<str() raised %s>" % type(err).__name__
    return text if text else None


def capture(record):
    """What the sender needs of ``record``, read now, on the caller's thread."""
    message = record.getMessage()
    fields = None
    attributes = record.__dict__
    if len(attributes) > _STANDARD_COUNT or attributes.keys() - STANDARD_ATTRIBUTES:
        fields = [(key, field_value(value)) for key, value in attributes.items() if key not in STANDARD_ATTRIBUTES]
    if record.stack_info:
        fields = fields or []
        fields.append(("stack_info", record.stack_info))
    exc = None
    if record.exc_info and record.exc_info[1] is not None:
        exc = exception_object(record.exc_info[1])
    elif record.exc_text:
        fields = fields or []
        fields.append(("exc_text", record.exc_text))
    return (record.created, record.levelno, record.name, record.threadName, threading.get_native_id(),
            message, fields, exc, record.process)


class Encoder:
    """Turns captured records into event lines; used by the sender thread only."""

    def __init__(self, ids, service, host):
        self._ids = ids
        self._service = service
        self._host = host
        self._second = None
        self._second_text = ""
        self._dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
        #: strings whose lone surrogates were replaced by U+FFFD
        self.surrogates_replaced = 0
        #: the id of the last record encoded (not of a ledger): its counter bounds what a ledger counts
        self.last_id = None

    def _timestamp(self, created):
        micros = int(created * 1_000_000)
        second, fraction = divmod(micros, 1_000_000)
        if second != self._second:
            self._second = second
            self._second_text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        return "%s.%06dZ" % (self._second_text, fraction)

    def encode(self, item):
        created, levelno, logger, thread, thread_id, message, fields, exc, pid = item
        self.last_id = self._ids.next(int(created * 1000))
        event = {"v": 1, "id": self.last_id, "ts": self._timestamp(created),
                 "level": level_name(levelno), "logger": logger, "thread": thread, "thread_id": thread_id,
                 "message": message}
        if fields:
            event["fields"] = dict(fields)
        if exc is not None:
            event["exception"] = exc
        event["service"] = self._service
        event["host"] = self._host
        event["pid"] = pid
        text = self._dumps(event)
        try:
            return (text + "\n").encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate somewhere: U+FFFD, as Spool's own JSON writer does
            self.surrogates_replaced += 1
            return (_without_lone_surrogates(text) + "\n").encode("utf-8")


    def ledger(self, ledger, pid):
        """A ledger (docs/audit.md) as one line of kind ``ledger``: ``ledger`` holds its members; the line
        gets an id of its own, which is not a record's and so moves no bound."""
        now = time.time()
        message = "ledger %s: sent %d, failed %d, dropped %d%s" % (
            ledger["destination"], ledger["sent"], ledger["failed"], sum(ledger["dropped"].values()),
            " (final)" if ledger["final"] else "")
        event = {"v": 1, "id": self._ids.next(int(now * 1000)), "ts": self._timestamp(now), "level": "INFO",
                 "logger": "spool.ledger", "thread": threading.current_thread().name,
                 "thread_id": threading.get_native_id(), "message": message, "kind": "ledger", "ledger": ledger,
                 "service": self._service, "host": self._host, "pid": pid}
        text = self._dumps(event)
        try:
            return (text + "\n").encode("utf-8")
        except UnicodeEncodeError:
            return (_without_lone_surrogates(text) + "\n").encode("utf-8")


def _without_lone_surrogates(text):
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
