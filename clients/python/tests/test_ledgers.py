"""Ledgers (docs/audit.md) without a collector: the node the audit attributes records by, the ledger line,
and the final ledger a handler that cannot reach its collector keeps in the spill file."""
import contextlib
import io
import json
import logging
import os
import shutil
import tempfile
import unittest

import spool_logging
from spool_logging import _ids, _record, _spill

LEDGER_KEYS = {"node", "start_us", "pipeline", "destination", "at_us", "sent", "failed", "dropped", "last_counter",
               "final"}


class LedgerLineTest(unittest.TestCase):

    def test_the_node_is_characters_11_to_18_of_every_id_and_changes_with_a_reseed(self):
        ids = _ids.IdGenerator()
        node = ids.node_text()
        self.assertRegex(node, r"^[0-9A-HJKMNP-TV-Z]{8}$")
        for millis in (0, 1_700_000_000_000, (1 << 48) - 1):
            self.assertEqual(ids.next(millis)[10:18], node)
        ids.reseed()
        self.assertNotEqual(ids.node_text(), node, "40 fresh random bits (equal once in 2^40)")
        self.assertEqual(ids.next(5)[10:18], ids.node_text())

    def test_a_ledger_is_one_line_of_kind_ledger_with_the_java_members(self):
        ids = _ids.IdGenerator()
        encoder = _record.Encoder(ids, "svc", "host-1")
        record = logging.getLogger("a").makeRecord("a", logging.INFO, "f.py", 1, "m", (), None)
        encoder.encode(_record.capture(record))
        ledger = {"node": ids.node_text(), "start_us": 1, "pipeline": "python", "destination": "forward",
                  "at_us": 2, "sent": 1, "failed": 0, "dropped": {"queue_full": 3}, "final": True,
                  "last_counter": encoder.last_id[18:]}
        line = encoder.ledger(ledger, 4242)
        self.assertTrue(line.endswith(b"\n") and line.count(b"\n") == 1)
        event = json.loads(line)
        self.assertEqual((event["kind"], event["logger"], event["level"], event["pid"], event["service"]),
                         ("ledger", "spool.ledger", "INFO", 4242, "svc"))
        self.assertEqual(set(event["ledger"]), LEDGER_KEYS)
        self.assertEqual(event["message"], "ledger forward: sent 1, failed 0, dropped 3 (final)")
        self.assertGreater(event["id"][18:], ledger["last_counter"], "its own id is after the records it counts")
        self.assertEqual(encoder.last_id[18:], ledger["last_counter"], "a ledger's id moves no bound")

    def test_bad_ledger_settings_are_refused_naming_them(self):
        with self.assertRaisesRegex(ValueError, "ledger_interval"):
            spool_logging.SpoolHandler("tcp://127.0.0.1:1", ledger_interval=-1)
        with self.assertRaisesRegex(ValueError, "destination"):
            spool_logging.SpoolHandler("tcp://127.0.0.1:1", destination="")


class UnreachableCollectorTest(unittest.TestCase):

    def setUp(self):
        self.spill = tempfile.mkdtemp(prefix="spool-py-ledger-")

    def tearDown(self):
        shutil.rmtree(self.spill, ignore_errors=True)

    def spilled_lines(self):
        f = _spill.SpillFile.open(self.spill, "led")
        try:
            data, _ = f.read(0, 1 << 20)
        finally:
            f.close(delete_if_empty=False)
        return [json.loads(x) for x in data.split(b"\n") if x]

    def run_handler(self, **options):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            handler = spool_logging.SpoolHandler("tcp://127.0.0.1:1", spill_dir=self.spill, spill_name="led",
                                                 close_timeout=0.2, **options)
            log = logging.getLogger("ledgers")
            log.setLevel(logging.INFO)
            log.propagate = False
            log.addHandler(handler)
            try:
                for i in range(5):
                    log.info("kept %d", i)
                log.error("x" * (2 << 20))
            finally:
                log.removeHandler(handler)
                handler.close()
        return handler, err.getvalue()

    def test_the_final_ledger_follows_the_held_records_into_the_spill_file(self):
        handler, err = self.run_handler(destination="collector-a")
        lines = self.spilled_lines()
        self.assertEqual([e.get("kind") for e in lines], [None] * 5 + ["ledger"])
        ledger = lines[-1]["ledger"]
        self.assertEqual((ledger["sent"], ledger["failed"], ledger["dropped"], ledger["final"]),
                         (5, 0, {"too_large": 1}, True))
        self.assertEqual(ledger["destination"], "collector-a")
        self.assertEqual(ledger["node"], lines[0]["id"][10:18])
        self.assertGreater(ledger["last_counter"], lines[4]["id"][18:], "the too-large record had the last id")
        self.assertIn("5 records held, not yet delivered", err, "a ledger is not a record")
        self.assertEqual((handler.stats()["held"], handler.stats()["ledgers"]), (5, 1))

    def test_no_ledger_at_all_with_interval_zero(self):
        self.run_handler(ledger_interval=0)
        self.assertEqual([e.get("kind") for e in self.spilled_lines()], [None] * 5)


if __name__ == "__main__":
    unittest.main()
