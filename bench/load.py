#!/usr/bin/env python3
"""Load benchmark: offline scans of N accounts x 100 findings through the built launcher.

Builds the synthetic rule pack of the tests (cli/src/test/plugins/load) into a plugin jar, writes one
small snapshot per account, then runs `./plumb scan` for each size a few times and prints the median
wall time, the median peak RSS (from /usr/bin/time -v), the size of the reports, and the ratios
between the sizes: time should grow about linearly with the findings, memory much less.

    mvn -B -q package -DskipTests          # builds cli/target/plumb.jar
    python3 bench/load.py                  # 50 and 500 accounts, 3 runs each
    python3 bench/load.py --accounts 50,500,1000 --runs 3
    PLUMB_JAVA_OPTS=-Xmx256m python3 bench/load.py   # the same under a heap limit
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "cli", "target", "plumb.jar")
PLUGIN_SOURCES = os.path.join(ROOT, "cli", "src", "test", "plugins", "load")
FINDINGS_PER_ACCOUNT = 100

SNAPSHOT = """{"UserDetailList": [], "GroupDetailList": [], "Policies": [], "RoleDetailList": [{
  "Path": "/", "RoleName": "audit", "RoleId": "AROAAUDIT%(id)s", "Arn": "arn:aws:iam::%(id)s:role/audit",
  "CreateDate": "2025-01-01T00:00:00+00:00", "RolePolicyList": [], "AttachedManagedPolicies": [],
  "InstanceProfileList": [], "Tags": [], "RoleLastUsed": {},
  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}]}
"""

SUPPRESSIONS = """suppressions:
  - rule: load_bucket_encryption
    resource: "arn:aws:s3:::load-*-legacy-*"
    reason: Legacy buckets are emptied and deleted in the migration
"""


def build_plugin(work):
    """Compiles the load rule pack against the shaded jar (it holds the API, Guice and jakarta.inject)."""
    classes = os.path.join(work, "classes")
    sources = []
    for directory, _, files in os.walk(PLUGIN_SOURCES):
        for name in files:
            source = os.path.join(directory, name)
            target = os.path.join(classes, os.path.relpath(source, PLUGIN_SOURCES))
            if name.endswith(".java"):
                sources.append(source)
            else:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy(source, target)
    subprocess.run(["javac", "--release", "17", "-proc:none", "-nowarn", "-cp", JAR, "-d", classes] + sources,
                   check=True)
    plugins = os.path.join(work, "plugins")
    os.makedirs(plugins)
    subprocess.run(["jar", "cf", os.path.join(plugins, "load.jar"), "-C", classes, "."], check=True)
    return plugins


def write_snapshots(work, accounts):
    directory = os.path.join(work, "snapshots-%d" % accounts)
    os.makedirs(directory)
    files = []
    for i in range(accounts):
        account = str(100000000000 + i)
        path = os.path.join(directory, account + ".json")
        with open(path, "w") as out:
            out.write(SNAPSHOT % {"id": account})
        files.append(path)
    return files


def directory_bytes(path):
    total = 0
    for directory, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(directory, name)) for name in files)
    return total


def run_once(plugins, suppressions, snapshots, output, time_tool):
    shutil.rmtree(output, ignore_errors=True)
    command = [os.path.join(ROOT, "plumb"), "scan", "--quiet", "--plugins", plugins, "--rules", "load_*",
               "--suppressions", suppressions, "--output", output]
    for snapshot in snapshots:
        command += ["--snapshot", snapshot]
    if time_tool:
        command = [time_tool, "-v"] + command
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 2 or "%d findings" % (len(snapshots) * FINDINGS_PER_ACCOUNT) not in done.stdout:
        sys.exit("unexpected result (exit %d):\n%s\n%s" % (done.returncode, done.stdout, done.stderr[-3000:]))
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return seconds, int(rss.group(1)) / 1024 if rss else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", default="50,500", help="comma separated account counts (default 50,500)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the median is printed (default 3)")
    args = parser.parse_args()
    if not os.path.isfile(JAR):
        sys.exit("missing %s: build it first with 'mvn -B -q package -DskipTests'" % JAR)
    time_tool = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    if time_tool is None:
        print("note: /usr/bin/time is missing, so peak RSS is not measured", file=sys.stderr)
    sizes = [int(n) for n in args.accounts.split(",")]
    work = tempfile.mkdtemp(prefix="plumb-load-")
    try:
        plugins = build_plugin(work)
        suppressions = os.path.join(work, "suppressions.yaml")
        with open(suppressions, "w") as out:
            out.write(SUPPRESSIONS)
        print("PLUMB_JAVA_OPTS=%s, %d runs per size, median shown" % (os.environ.get("PLUMB_JAVA_OPTS", ""),
                                                                      args.runs))
        print("%9s %9s %9s %13s %10s %10s" % ("accounts", "findings", "wall s", "peak RSS MB", "reports MB",
                                              "files"))
        rows = []
        for accounts in sizes:
            snapshots = write_snapshots(work, accounts)
            output = os.path.join(work, "out-%d" % accounts)
            runs = [run_once(plugins, suppressions, snapshots, output, time_tool) for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs) if time_tool else float("nan")
            files = sum(len(f) for _, _, f in os.walk(output))
            print("%9d %9d %9.1f %13.0f %10.1f %10d" % (accounts, accounts * FINDINGS_PER_ACCOUNT, seconds, rss,
                                                       directory_bytes(output) / 1e6, files))
            rows.append((accounts, seconds, rss))
            shutil.rmtree(output, ignore_errors=True)
        for (small, small_s, small_rss), (large, large_s, large_rss) in zip(rows, rows[1:]):
            print("%d -> %d accounts (x%.0f findings): time x%.2f, peak RSS x%.2f" % (
                small, large, large / small, large_s / small_s, large_rss / small_rss))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
