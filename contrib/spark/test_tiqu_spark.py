#!/usr/bin/env python3
"""The Spark driver against `tiqu run`: the merged output is the same bytes (issue 20). One Spark
session in local[2] serves every case (starting one takes most of the time). Run by
scripts/test-spark.sh from `make test`; TIQU_BIN is the binary to test."""
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import tiqu_spark  # noqa: E402

BIN = os.environ.get("TIQU_BIN", os.path.join(ROOT, ".build", "debug", "tiqu"))
SAMPLES = os.path.join(ROOT, "samples")
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
SC = None


def setUpModule():
    global SC
    from pyspark import SparkConf, SparkContext
    # local[2,4]: two executor threads, and a failed task is tried again up to 4 times (as on a cluster).
    conf = (SparkConf().setMaster("local[2,4]").setAppName("tiqu-test").set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.sql.sources.partitionColumnTypeInference.enabled", "false"))
    SC = SparkContext.getOrCreate(conf)
    SC.setLogLevel("ERROR")


def tearDownModule():
    SC.stop()


def read(path):
    with open(path, "rb") as f:
        return f.read()


def tiqu_run(*paths):
    """What `tiqu run` writes for the paths (records and its exit status)."""
    p = subprocess.run([BIN, "run", "-q", *paths], capture_output=True)
    return p.stdout, p.returncode


class SparkDriverTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tiqu-spark-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def driver(self, *args):
        """The driver's exit status, output bytes and stderr."""
        out = os.path.join(self.tmp, "out.jsonl")
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = tiqu_spark.main([*args, "--output", out, "--tiqu", BIN], sc=SC) if "--tiqu" not in args \
                else tiqu_spark.main([*args, "--output", out], sc=SC)
        return status, read(out) if os.path.isfile(out) else None, err.getvalue()

    def write(self, rel, data):
        path = os.path.join(self.tmp, "in", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)

    def test_samples_give_the_bytes_of_tiqu_run_for_any_partitioning(self):
        want, status = tiqu_run(SAMPLES)
        self.assertEqual(status, 0)
        for n in (1, 3):
            got_status, got, err = self.driver(SAMPLES, "--partitions", str(n))
            self.assertEqual(got_status, 0, err)
            self.assertEqual(got, want, "partitions %d" % n)
        # As many documents as tiqu run takes from the folder: its *.txt files (none hidden there).
        docs = sum(1 for _, _, names in os.walk(SAMPLES) for f in names if f.endswith(".txt") and not f.startswith("."))
        self.assertRegex(err, r"tiqu_spark: %d documents \([0-9.]+ MB\), %d records, 0 error lines; rules " % (docs, want.count(b"\n")))

    def test_a_slice_of_the_corpus_gives_the_bytes_of_tiqu_run(self):
        if not os.path.isdir(CORPUS):
            self.skipTest("../shared/corpus is absent")
        # Every fourth document of each corpus folder, copied with its relative name.
        for sub in sorted(os.listdir(CORPUS)):
            folder = os.path.join(CORPUS, sub)
            if os.path.isdir(folder):
                for name in sorted(os.listdir(folder))[::4]:
                    if name.endswith(".txt"):
                        self.write(os.path.join(sub, name), read(os.path.join(folder, name)))
        want, status = tiqu_run(os.path.join(self.tmp, "in"))
        got_status, got, err = self.driver(os.path.join(self.tmp, "in"), "--partitions", "4")
        self.assertEqual((got_status, got), (status, want), err)

    def test_names_are_relative_to_the_input_as_tiqu_run_gives_them(self):
        for rel in ["top.txt", "sub/dir/a b.txt", "中文/报告.txt", "back\\slash.txt", ".hidden.txt", "sub/.hid/x.txt", "notes.md"]:
            self.write(rel, "全年地区生产总值增长4.2%。投资3805亿元。\n".encode("utf-8"))
        want, status = tiqu_run(os.path.join(self.tmp, "in"))
        self.assertEqual(status, 0)
        self.assertIn(b'"doc":"back\\\\\\\\slash.txt"', want)
        got_status, got, err = self.driver(os.path.join(self.tmp, "in"))
        self.assertEqual((got_status, got), (0, want), err)
        # A file given directly is named by its file name, as `tiqu run FILE` names it.
        one = os.path.join(self.tmp, "in", "sub", "dir", "a b.txt")
        self.assertEqual(self.driver(one)[:2], (0, tiqu_run(one)[0]))

    def test_doc_names_escape_as_docname_does(self):
        self.assertEqual(tiqu_spark.doc_name(b"a\xffb.txt"), "a\\xffb.txt")
        self.assertEqual(tiqu_spark.doc_name(b"back\\slash.txt"), "back\\\\slash.txt")
        self.assertEqual(tiqu_spark.doc_name("中文.txt".encode("utf-8")), "中文.txt")
        self.assertEqual(tiqu_spark.doc_name(b"\xe4\xb8.txt"), "\\xe4\\xb8.txt")
        self.assertEqual(tiqu_spark.doc_name(os.fsdecode(b"x\x80.txt")), "x\\x80.txt")

    def test_a_broken_document_gives_its_error_line_and_the_others_their_records(self):
        self.write("good.txt", "投资3805亿元。\n".encode("utf-8"))
        self.write("binary.txt", b"PK\x03\x04\x00\x01")
        want, status = tiqu_run(os.path.join(self.tmp, "in"))
        self.assertEqual(status, 1)
        got_status, got, err = self.driver(os.path.join(self.tmp, "in"))
        self.assertEqual((got_status, got), (1, want), err)
        errors = read(os.path.join(self.tmp, "out.jsonl.errors.jsonl"))
        self.assertTrue(errors.startswith(b'{"doc":"binary.txt","error":"skipped","messages":["binary.txt: error: binary file'), errors)
        self.assertEqual(errors.count(b"\n"), 1)
        self.assertIn("1 error lines (skipped 1)", err)
        self.assertIn("tiqu_spark: binary.txt: skipped: binary.txt: error: binary file", err)

    def test_a_task_tried_again_gives_the_same_output(self):
        # A tiqu that fails the first task it runs (after the driver's check), as a lost executor would
        # (Spark logs that task's error: `tiqu exited 3`).
        flaky = os.path.join(self.tmp, "tiqu-flaky")
        marks = os.path.join(self.tmp, "marks")
        os.makedirs(marks)
        with open(flaky, "w") as f:
            f.write('#!/bin/sh\nif [ -e %s/checked ]; then mkdir %s/failed 2>/dev/null && exit 3; else touch %s/checked; fi\nexec %s "$@"\n'
                    % (marks, marks, marks, BIN))
        os.chmod(flaky, 0o755)
        status, got, err = self.driver(SAMPLES, "--partitions", "2", "--tiqu", flaky)
        self.assertTrue(os.path.isdir(os.path.join(marks, "failed")), "the first task failed")
        self.assertEqual((status, got), (0, tiqu_run(SAMPLES)[0]), err)

    def test_parquet_is_partitioned_by_doc_with_each_documents_records_in_order(self):
        from pyspark.sql import SparkSession
        out = os.path.join(self.tmp, "pq")
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = tiqu_spark.main([SAMPLES, "--output", out, "--tiqu", BIN, "--format", "parquet"], sc=SC)
        self.assertEqual(status, 0, err.getvalue())
        self.assertIn("doc=work-report.txt", os.listdir(out))
        rows = SparkSession(SC).read.parquet(out).collect()
        rows.sort(key=lambda r: (r["doc"], r["line"]))
        self.assertEqual(b"".join(r["record"].encode("utf-8") + b"\n" for r in rows), tiqu_run(SAMPLES)[0])

    def test_a_missing_binary_or_rules_folder_fails_at_start(self):
        status, data, err = self.driver(SAMPLES, "--tiqu", os.path.join(self.tmp, "no-tiqu"))
        self.assertEqual((status, data), (2, None))
        self.assertIn("is missing or not executable: build it with `swift build -c release --product tiqu`", err)
        status, _, err = self.driver(SAMPLES, "--rules", os.path.join(self.tmp, "no-rules"))
        self.assertEqual(status, 2)
        self.assertIn("no-rules does not exist", err)
        os.makedirs(os.path.join(self.tmp, "bad-rules"))
        with open(os.path.join(self.tmp, "bad-rules", "r.yaml"), "w") as f:
            f.write("rules:\n  - id: x\n    kind: money\n    pattern: '('\n")
        status, _, err = self.driver(SAMPLES, "--rules", os.path.join(self.tmp, "bad-rules"))
        self.assertEqual(status, 2)
        self.assertIn("cannot run with these rules (exit 2)", err)

    def test_no_documents_leaves_the_output_as_it_was(self):
        os.makedirs(os.path.join(self.tmp, "in"))
        with open(os.path.join(self.tmp, "out.jsonl"), "wb") as f:
            f.write(b"old\n")
        status, data, err = self.driver(os.path.join(self.tmp, "in"))
        self.assertEqual((status, data), (1, b"old\n"), err)
        self.assertIn("no documents in", err)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print("spark: %d passed, %d failed, %d skipped" % (result.testsRun - failed - len(result.skipped), failed, len(result.skipped)))
    sys.exit(1 if failed else 0)
