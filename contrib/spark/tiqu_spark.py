#!/usr/bin/env python3
"""tiqu on Spark: the records of `tiqu run`, byte for byte, from a cluster (docs/SCALING.md).

    python3 contrib/spark/tiqu_spark.py INPUT... --output FILE.jsonl [--master local[2]] [--tiqu BIN]
        [--rules DIR] [--partitions N] [--format jsonl|parquet]

Lists the documents with Spark's own reader (`binaryFiles`: local paths, HDFS and S3 alike), ships the
tiqu binary and the rules folder with the job (SparkFiles), pipes each partition through
`tiqu run --stdin-jsonl`, and writes the records merged and sorted as `tiqu run` sorts them: by `doc`
(byte order of the UTF-8 name), then in the order tiqu wrote them for that document (docs/RECORDS.md,
"Order"). With `--format parquet`, FILE is a folder of Parquet partitioned by `doc`.

Documents are the files under each INPUT (recursively) whose name matches `*.txt`, hidden files and
folders passed over, as `tiqu run` takes them; `doc` is the path relative to the INPUT folder (a file
given directly: its name), with DocName's escaping (`\\xHH`, `\\\\`). Error lines (docs/RECORDS.md, "Error
lines") go to FILE.errors.jsonl and are counted in the summary. Exit status as tiqu's: 0; 1 when any
document had an error line; 2 when the binary or the rules cannot be used; 64 bad usage; 74 when the
output cannot be written.
"""
import argparse
import base64
import bisect
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

STATUS_DOCUMENTS, STATUS_RULES, STATUS_USAGE, STATUS_IO = 1, 2, 64, 74
GLOB = "*.txt"
# A merged element holds at most this many bytes of one document's records (a huge document is cut
# into several, each with its own place in the order).
CHUNK_BYTES = 4 << 20
# The first key of every line tiqu writes: `{"doc":"NAME",` (an error line has `"error"` next).
DOC_PREFIX = re.compile(rb'\{"doc":("(?:[^"\\]|\\.)*"|null),"(error|rule)":')


class Failure(Exception):
    """What stops the job, with the exit status it gives."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def doc_name(raw):
    """DocName.escaped (Sources/TiquRun/InputWalker.swift): UTF-8 as it is; each byte that is not part
    of valid UTF-8 written `\\xHH` (lowercase), a backslash written `\\\\`. `raw` is bytes or a str (a
    str's lone surrogates, as os.fsdecode makes them, stand for the bytes they escape)."""
    b = raw if isinstance(raw, bytes) else os.fsencode(raw)
    if b"\\" not in b:
        try:
            return b.decode("utf-8")
        except UnicodeDecodeError:
            pass
    out, i = [], 0
    while i < len(b):
        n = _valid_sequence_length(b, i)
        if n:
            out.append("\\\\" if b[i] == 0x5C else b[i:i + n].decode("utf-8"))
            i += n
        else:
            out.append("\\x%02x" % b[i])
            i += 1
    return "".join(out)


def _valid_sequence_length(b, i):
    c = b[i]
    n = 1 if c < 0x80 else 2 if 0xC2 <= c <= 0xDF else 3 if 0xE0 <= c <= 0xEF else 4 if 0xF0 <= c <= 0xF4 else 0
    if not n or i + n > len(b):
        return 0
    try:
        b[i:i + n].decode("utf-8")
    except UnicodeDecodeError:
        return 0
    return n


def relative_doc(file_uri, root_uri, root_is_dir):
    """The `doc` of a file listed under an input: its path below the input folder, or its name."""
    path = file_uri.split("/")
    if not root_is_dir:
        return doc_name(path[-1])
    prefix = root_uri.rstrip("/") + "/"
    if not file_uri.startswith(prefix):
        raise Failure(STATUS_USAGE, "%s is not under %s: pass the folder as Spark names it" % (file_uri, root_uri))
    return doc_name(file_uri[len(prefix):])


def taken(rel):
    """Whether `tiqu run` takes the file: its name matches the glob, no part of its path is hidden."""
    parts = rel.split("/")
    return fnmatch.fnmatchcase(parts[-1], GLOB) and not any(p.startswith(".") for p in parts)


def parse_args(argv):
    class Parser(argparse.ArgumentParser):
        def error(self, message):  # bad usage exits 64, as tiqu does
            self.print_usage(sys.stderr)
            sys.stderr.write("tiqu_spark: error: %s\n" % message)
            sys.exit(STATUS_USAGE)

    p = Parser(description="Run tiqu over documents on Spark; the records equal `tiqu run`'s byte for byte.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="folders or files (local, hdfs://, s3a://)")
    p.add_argument("--output", required=True, metavar="FILE", help="FILE.jsonl, or the Parquet folder with --format parquet")
    p.add_argument("--master", default=None, help="Spark master (default: as spark-submit sets it, else local[*])")
    p.add_argument("--tiqu", default=None, metavar="BIN", help="the tiqu binary to ship (default: tiqu on PATH)")
    p.add_argument("--rules", default=None, metavar="DIR", help="the rules folder to ship (default: the one tiqu finds)")
    p.add_argument("--partitions", type=int, default=None, metavar="N", help="partitions of the document list (default: Spark's)")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    a = p.parse_args(argv)
    if a.partitions is not None and a.partitions < 1:
        p.error("--partitions must be at least 1")
    return a


def preflight(tiqu, rules):
    """The binary and rules folder to ship, checked here before any task starts: the binary runs on this
    machine and loads the rules without error. Returns their absolute paths."""
    exe = tiqu or shutil.which("tiqu")
    if not exe or not os.path.isfile(exe) or not os.access(exe, os.X_OK):
        raise Failure(STATUS_RULES, "the tiqu binary %s is missing or not executable: build it with "
                      "`swift build -c release --product tiqu` and pass --tiqu .build/release/tiqu"
                      % (exe or "(not on PATH)"))
    if rules is not None and not os.path.isdir(rules):
        raise Failure(STATUS_RULES, "the rules folder %s does not exist: pass --rules DIR with a copy of the shipped rules/" % rules)
    cmd = [exe, "run", "--stdin-jsonl", "-q"] + (["--rules", rules] if rules else [])
    try:
        p = subprocess.run(cmd, input=b"", capture_output=True, timeout=120)
    except OSError as e:
        raise Failure(STATUS_RULES, "cannot run %s: %s" % (exe, e))
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        raise Failure(STATUS_RULES, "%s cannot run with these rules (exit %d):\n%s" % (exe, p.returncode, err.strip()))
    found = re.search(r"; rules (.*) \([0-9a-f]{12}\)", err)
    if not found:
        raise Failure(STATUS_RULES, "%s did not say which rules it loaded:\n%s" % (exe, err.strip()))
    return os.path.abspath(exe), os.path.abspath(found.group(1))


def pipe_partition(exe_name, rules_name, jobs):
    """The function each task runs: its documents through `tiqu run --stdin-jsonl`, and back
    ("R", (doc, chunk), bytes) for records, ("E", line) for error lines, and last ("S", documents, bytes,
    {doc: bytes of its records})."""

    def run(rows):
        from pyspark import SparkFiles
        exe, rules = SparkFiles.get(exe_name), SparkFiles.get(rules_name)
        if not os.access(exe, os.X_OK):
            os.chmod(exe, 0o755)
        stats = {"documents": 0, "bytes": 0}
        sizes = {}
        err = tempfile.TemporaryFile()
        p = subprocess.Popen([exe, "run", "--stdin-jsonl", "-q", "--jobs", str(jobs), "--rules", rules],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)
        failed = []

        def feed():
            try:
                for doc, content in rows:
                    stats["documents"] += 1
                    stats["bytes"] += len(content)
                    line = '{"doc":%s,"content_b64":"%s"}\n' % (json.dumps(doc), base64.b64encode(content).decode("ascii"))
                    p.stdin.write(line.encode("utf-8"))
                p.stdin.close()
            except BaseException as e:  # reported after tiqu's output ends
                failed.append(e)
                try:
                    p.stdin.close()
                except OSError:  # tiqu is gone (a broken pipe): its exit status tells why
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        current, chunk, held, size = None, 0, [], 0
        for line in p.stdout:
            m = DOC_PREFIX.match(line)
            if not m:
                raise RuntimeError("tiqu wrote a line that is neither a record nor an error line: %r" % line[:200])
            if m.group(2) == b"error":
                yield ("E", line)
                continue
            doc = json.loads(m.group(1))
            if doc != current or size >= CHUNK_BYTES:
                if held:
                    yield ("R", (current, chunk), b"".join(held))
                chunk = chunk + 1 if doc == current else 0
                current, held, size = doc, [], 0
            held.append(line)
            size += len(line)
            sizes[doc] = sizes.get(doc, 0) + len(line)
        if held:
            yield ("R", (current, chunk), b"".join(held))
        writer.join()
        status = p.wait()
        # 1 is a document with an error line (already yielded); anything else fails the task, which Spark
        # retries: the same documents give the same lines. (tiqu's own failure first: it explains a
        # broken pipe on the writing side.)
        if status not in (0, 1):
            err.seek(0)
            raise RuntimeError("tiqu exited %d:\n%s" % (status, err.read()[-4000:].decode("utf-8", "replace")))
        if failed:
            raise failed[0]
        yield ("S", stats["documents"], stats["bytes"], sizes)

    return run


def documents(sc, inputs, partitions):
    """(doc, bytes) of every document under the inputs, listed by binaryFiles."""
    hadoop = sc._jsc.hadoopConfiguration()
    hadoop.set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    jvm = sc._jvm
    rdds = []
    for given in inputs:
        path = jvm.org.apache.hadoop.fs.Path(given)
        fs = path.getFileSystem(hadoop)
        if not fs.exists(path):
            raise Failure(STATUS_USAGE, "%s: no such file or directory" % given)
        root = fs.makeQualified(path)
        is_dir = fs.getFileStatus(root).isDirectory()
        root_uri = root.toString()
        # binaryFiles packs small files into splits of up to 128 MB (one task for a folder of small files);
        # asked for very many partitions, it cuts splits of spark.files.openCostInBytes (4 MB) instead.
        rdd = sc.binaryFiles(given, minPartitions=1 << 16)

        def named(pair, root_uri=root_uri, is_dir=is_dir):
            uri, content = pair
            rel = relative_doc(uri, root_uri, is_dir)
            return [(rel, content)] if not is_dir or taken(rel) else []

        rdds.append(rdd.flatMap(named))
    rdd = rdds[0] if len(rdds) == 1 else sc.union(rdds)
    if not partitions or partitions == rdd.getNumPartitions():
        return rdd
    # Fewer: merge splits without moving documents; more (a small input): spread them.
    return rdd.coalesce(partitions) if partitions < rdd.getNumPartitions() else rdd.repartition(partitions)


def in_order(records, sizes, n):
    """The records sorted by (doc, chunk) as they reach the driver: ranges of documents of about equal
    record bytes, cut from the sizes the extraction reported (no sampling pass), each sorted in its
    partition and fetched in turn, so the driver holds one partition at a time."""
    docs = sorted(sizes)
    total, done, bounds = sum(sizes.values()), 0, []
    for d in docs:
        if len(bounds) < n - 1 and done >= total * (len(bounds) + 1) / n:
            bounds.append(d)
        done += sizes[d]
    ordered = records.repartitionAndSortWithinPartitions(len(bounds) + 1, lambda key: bisect.bisect_right(bounds, key[0]))
    return ordered.toLocalIterator(prefetchPartitions=True)


def write_atomically(path, chunks):
    """Writes the chunks to `path` through a temporary file renamed into place when all are written."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            for c in chunks:
                f.write(c)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def merged(records, counts):
    """The records in `tiqu run`'s order; a document name met twice (from two inputs) is refused, as
    `tiqu run` refuses it."""
    last = None
    for (doc, chunk), blob in records:
        if chunk == 0 and last is not None and last[0] == doc:
            raise Failure(STATUS_USAGE, "two files would both be reported as `%s`: pass their common parent folder instead" % doc)
        last = (doc, chunk)
        counts["records"] += blob.count(b"\n")
        yield blob


def main(argv=None, sc=None):
    try:
        return run(parse_args(sys.argv[1:] if argv is None else argv), sc)
    except Failure as f:
        sys.stderr.write("tiqu_spark: error: %s\n" % f)
        return f.status


def run(args, sc=None):
    exe, rules = preflight(args.tiqu, args.rules)
    own = sc is None
    if own:
        from pyspark import SparkConf, SparkContext
        conf = SparkConf().setAppName("tiqu")
        if args.master or not conf.contains("spark.master"):
            conf.setMaster(args.master or "local[*]")
        sc = SparkContext.getOrCreate(conf)
    try:
        return execute(sc, args, exe, rules)
    finally:
        if own:
            sc.stop()


def execute(sc, args, exe, rules):
    from pyspark import StorageLevel
    # The tasks run this module's functions: it travels with the job, as the binary and the rules do.
    sc.addPyFile(os.path.abspath(__file__))
    sc.addFile(exe)
    sc.addFile(rules, recursive=True)
    docs = documents(sc, args.inputs, args.partitions)
    # Each task runs one tiqu on the cores Spark gives it (spark.task.cpus): a large document is then
    # matched in parts on that many threads, as `tiqu run --jobs N` does.
    jobs = int(sc.getConf().get("spark.task.cpus", "1"))
    out = docs.mapPartitions(pipe_partition(os.path.basename(exe), os.path.basename(rules), jobs))
    out.persist(StorageLevel.MEMORY_AND_DISK)
    counts = {"records": 0}
    started = time.time()
    # One pass runs tiqu over every partition (kept for the merge): the totals and the error lines.
    small = out.filter(lambda t: t[0] != "R").collect()
    stats = (sum(t[1] for t in small if t[0] == "S"), sum(t[2] for t in small if t[0] == "S"))
    errors = [t[1] for t in small if t[0] == "E"]
    sizes = {}
    for t in small:
        if t[0] == "S":
            sizes.update(t[3])
    extracted = time.time()
    records = out.filter(lambda t: t[0] == "R").map(lambda t: (t[1], t[2]))
    errors.sort(key=lambda line: (json.loads(line).get("doc") or "", line))
    if stats[0] == 0:
        # As `tiqu run`: no documents at all (a mistyped path) leaves the previous output as it was.
        raise Failure(STATUS_DOCUMENTS, "no documents in %s matching %s; %s was left as it was" % (" ".join(args.inputs), GLOB, args.output))
    try:
        if args.format == "parquet":
            counts["records"] = write_parquet(sc, records, args.output)
        else:
            write_atomically(args.output, merged(in_order(records, sizes, records.getNumPartitions()), counts))
        errors_path = args.output.rstrip("/") + ".errors.jsonl"
        if errors:
            write_atomically(errors_path, errors)
        elif os.path.exists(errors_path):
            os.unlink(errors_path)
    except OSError as e:
        raise Failure(STATUS_IO, "cannot write %s: %s" % (args.output, e))
    finally:
        out.unpersist()
    times = (extracted - started, time.time() - extracted)
    summarize(stats, counts["records"], errors, args.output, rules, times)
    return STATUS_DOCUMENTS if errors else 0


def write_parquet(sc, records, output):
    """Parquet partitioned by `doc`: columns doc, line (the record's place in its document) and record
    (its JSON line, without the newline). Returns the number of records."""
    from pyspark.sql import SparkSession
    from pyspark.sql.types import LongType, StringType, StructField, StructType
    spark = SparkSession(sc)

    def rows(item):
        (doc, chunk), blob = item
        for k, line in enumerate(blob.split(b"\n")[:-1]):
            yield (doc, chunk * (1 << 20) + k, line.decode("utf-8"))

    schema = StructType([StructField("doc", StringType()), StructField("line", LongType()), StructField("record", StringType())])
    df = spark.createDataFrame(records.flatMap(rows), schema)
    df = df.persist()
    n = df.count()
    df.write.mode("overwrite").partitionBy("doc").parquet(output)
    df.unpersist()
    return n


def summarize(stats, records, errors, output, rules, times):
    documents, size = stats
    by_kind = {}
    for line in errors:
        kind = json.loads(line)["error"]
        by_kind[kind] = by_kind.get(kind, 0) + 1
    kinds = ", ".join("%s %d" % kv for kv in sorted(by_kind.items()))
    sys.stderr.write("tiqu_spark: %d documents (%.1f MB), %d records, %d error lines%s; rules %s; wrote %s "
                     "(read and extract %.1f s, merge %.1f s)\n"
                     % ((documents, size / 1e6, records, len(errors), " (%s)" % kinds if kinds else "", rules, output) + times))
    for line in errors[:10]:
        e = json.loads(line)
        sys.stderr.write("tiqu_spark: %s: %s: %s\n" % (e["doc"], e["error"], "; ".join(e["messages"])))
    if len(errors) > 10:
        sys.stderr.write("tiqu_spark: ... and %d more in %s.errors.jsonl\n" % (len(errors) - 10, output.rstrip("/")))


if __name__ == "__main__":
    sys.exit(main())
