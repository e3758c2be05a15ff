"""The package installs with no network: PythonHandlerIT runs ``pip install --no-index`` into a directory
and runs these tests against what it installed ($SPOOL_TEST_SITE)."""
import os
import unittest

import spool_logging


class InstallTest(unittest.TestCase):

    @unittest.skipUnless(os.environ.get("SPOOL_TEST_SITE"), "set by PythonHandlerIT after pip install --no-index")
    def test_the_tests_run_against_the_installed_package(self):
        site = os.path.realpath(os.environ["SPOOL_TEST_SITE"])
        self.assertTrue(os.path.realpath(spool_logging.__file__).startswith(site + os.sep), spool_logging.__file__)
        self.assertEqual(spool_logging.__version__, "0.1.0")
