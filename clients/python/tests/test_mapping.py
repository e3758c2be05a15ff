"""The record mapping, ids and spill file, without a collector."""
import json
import logging
import os
import re
import sys
import tempfile
import threading
import unittest

from spool_logging import _ids, _record, _spill


def make_record(msg="hello %s", args=("world",), level=logging.INFO, exc_info=None, extra=None, stack_info=False):
    logger = logging.getLogger("app.db")
    record = logger.makeRecord("app.db", level, "f.py", 1, msg, args, exc_info, extra=extra,
                               sinfo="Stack (most recent call last):\n  here" if stack_info else None)
    return record


def encode(record):
    encoder = _record.Encoder(_ids.IdGenerator(), "svc", "host-1")
    line = encoder.encode(_record.capture(record))
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    return json.loads(line), encoder


class MappingTest(unittest.TestCase):

    def test_levels_map_to_spools(self):
        self.assertEqual([_record.level_name(n) for n in (5, 10, 20, 30, 40, 50, 60)],
                         ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "FATAL"])

    def test_a_record_keeps_its_logger_thread_process_and_formatted_message(self):
        event, _ = encode(make_record())
        self.assertEqual(event["v"], 1)
        self.assertRegex(event["id"], r"^[0-9A-HJKMNP-TV-Z]{26}$")
        self.assertRegex(event["ts"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
        self.assertEqual(event["level"], "INFO")
        self.assertEqual(event["logger"], "app.db")
        self.assertEqual(event["message"], "hello world")
        self.assertEqual(event["thread"], threading.current_thread().name)
        self.assertEqual(event["thread_id"], threading.get_native_id())
        self.assertEqual(event["pid"], os.getpid())
        self.assertEqual((event["service"], event["host"]), ("svc", "host-1"))
        self.assertNotIn("fields", event)
        self.assertEqual(list(event)[:8], ["v", "id", "ts", "level", "logger", "thread", "thread_id", "message"])

    def test_extra_becomes_typed_fields(self):
        class Odd:
            def __str__(self):
                return "odd!"
        event, _ = encode(make_record(extra={"order_id": "A-17", "attempt": 3, "ratio": 0.5, "ok": True,
                                             "none": None, "nan": float("nan"), "inf": float("-inf"),
                                             "huge": 1 << 70, "obj": Odd(), "items": [1, 2]}))
        self.assertEqual(event["fields"], {"order_id": "A-17", "attempt": 3, "ratio": 0.5, "ok": True,
                                           "none": None, "nan": "NaN", "inf": "-Infinity",
                                           "huge": str(1 << 70), "obj": "odd!", "items": "[1, 2]"})

    def test_an_exception_keeps_its_frames_cause_and_context(self):
        def inner():
            raise KeyError("k")

        try:
            try:
                inner()
            except KeyError as e:
                raise ValueError("bad value") from e
        except ValueError:
            record = make_record(level=logging.ERROR, exc_info=sys.exc_info(), stack_info=True)
        event, _ = encode(record)
        exc = event["exception"]
        self.assertEqual(exc["class"], "ValueError")
        self.assertEqual(exc["message"], "bad value")
        self.assertRegex(exc["stack"][0], r"^tests\.test_mapping\.test_an_exception_keeps_its_frames_cause_and_context\(test_mapping\.py:\d+\)$")
        self.assertEqual(exc["cause"]["class"], "KeyError")
        self.assertTrue(exc["cause"]["stack"][0].startswith("tests.test_mapping.inner(test_mapping.py:"),
                        "innermost frame first")
        self.assertIn("here", event["fields"]["stack_info"])

        try:
            try:
                raise OSError("disk full")
            except OSError:
                raise RuntimeError("while handling")  # implicit context
        except RuntimeError:
            record = make_record(exc_info=sys.exc_info())
        exc = encode(record)[0]["exception"]
        self.assertEqual((exc["class"], exc["cause"]["class"], exc["cause"]["message"]),
                         ("RuntimeError", "OSError", "disk full"))

    def test_a_cause_cycle_ends_in_a_circular_object(self):
        a = ValueError("a")
        b = ValueError("b")
        a.__cause__ = b
        b.__cause__ = a
        exc = _record.exception_object(a)
        self.assertTrue(exc["cause"]["cause"]["circular"])
        self.assertNotIn("stack", exc["cause"]["cause"])

    def test_lone_surrogates_become_replacement_characters(self):
        event, encoder = encode(make_record("bad \udc80 text", ()))
        self.assertEqual(event["message"], "bad \ufffd text")
        self.assertEqual(encoder.surrogates_replaced, 1)

    def test_ids_are_distinct_and_sort_by_time(self):
        gen = _ids.IdGenerator()
        ids = [gen.next(1_700_000_000_000 + i // 100) for i in range(10_000)]
        self.assertEqual(len(set(ids)), len(ids))
        self.assertTrue(all(re.match(r"^[0-7][0-9A-HJKMNP-TV-Z]{25}$", i) for i in ids))
        self.assertLess(gen.next(1), gen.next(2))


class SpillFileTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def test_lines_survive_reopening_acknowledged_ones_do_not(self):
        s = _spill.SpillFile.open(self.dir, "t")
        s.append(b"a\nbb\nccc\n", [2, 3, 4])
        s.acknowledge(1)
        s.close(delete_if_empty=True)
        s = _spill.SpillFile.open(self.dir, "t")
        self.assertEqual(s.count(), 2)
        self.assertEqual(s.read(0, 100), (b"bb\nccc\n", 2))
        self.assertEqual(s.read(1, 100), (b"ccc\n", 1))
        s.acknowledge(2)
        s.close(delete_if_empty=True)
        self.assertEqual(os.listdir(self.dir), [], "emptied file deleted")

    def test_a_torn_last_line_is_cut_off(self):
        s = _spill.SpillFile.open(self.dir, "t")
        s.append(b"one\n", [4])
        s.close(delete_if_empty=False)
        with open(os.path.join(self.dir, "t-0.pyspill"), "ab") as f:
            f.write(b'{"v":1,"mess')
        s = _spill.SpillFile.open(self.dir, "t")
        self.assertEqual((s.count(), s.read(0, 100)), (1, (b"one\n", 1)))
        s.close(delete_if_empty=True)

    def test_a_held_slot_is_skipped_and_orphans_are_adopted(self):
        first = _spill.SpillFile.open(self.dir, "t")
        second = _spill.SpillFile.open(self.dir, "t")
        self.assertNotEqual(first.path, second.path, "a locked slot is not shared")
        second.append(b"left\n", [5])
        second.close(delete_if_empty=False)  # its owner is gone
        self.assertEqual(first.adopt_orphans(self.dir, "t"), 1)
        self.assertEqual(first.read(0, 100), (b"left\n", 1))
        self.assertFalse(os.path.exists(second.path))
        first.close(delete_if_empty=False)


if __name__ == "__main__":
    unittest.main()


class DropTest(unittest.TestCase):

    def test_drops_are_counted_by_reason_and_said_on_stderr(self):
        import io
        import contextlib
        import spool_logging
        spill = tempfile.mkdtemp()
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            handler = spool_logging.SpoolHandler("tcp://127.0.0.1:1", spill_dir=spill, queue_size=0, close_timeout=0.2)
            log = logging.getLogger("drops")
            log.setLevel(logging.INFO)
            log.propagate = False
            log.addHandler(handler)
            for i in range(3):
                log.info("refused %d", i)
            handler.close()
            log.info("after close")
            log.removeHandler(handler)
        self.assertEqual(handler.stats()["dropped"], {"queue_full": 3, "closed": 1})
        self.assertIn("3 records dropped so far (queue_full=3)", err.getvalue())

    def test_a_bad_address_is_refused_at_once(self):
        import spool_logging
        with self.assertRaisesRegex(ValueError, "localhost:5170"):
            spool_logging.SpoolHandler("localhost:5170")
