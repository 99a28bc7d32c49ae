#!/usr/bin/env python3
"""Load benchmark: offline scans of many findings through the built launcher.

Builds the synthetic rule pack of the tests (cli/src/test/plugins/load) into a plugin jar, writes one
small snapshot per account, then runs `./plumb scan` for each size a few times and prints the median
wall time, the median peak RSS (from /usr/bin/time -v), the size of the reports, and the ratios
between the sizes: time should grow about linearly with the findings, memory should stay flat.
After each run it checks all three reports (JUnit XML counts and shape, one Allure result per
finding, SARIF with a results array) and stops if one is wrong.

Two ways to size a scan: --accounts N,... scans N accounts of 100 findings each; --findings N,...
scans --scan-accounts accounts (default 50) with N findings in all (the rule pack's property
plumb.load.scale multiplies its 100 findings per account).

    mvn -B -q package -DskipTests          # builds cli/target/plumb.jar
    python3 bench/load.py                  # 50 and 500 accounts, 3 runs each
    python3 bench/load.py --findings 10000,100000,1000000 --runs 1   # peak RSS by findings
    PLUMB_JAVA_OPTS=-Xmx256m python3 bench/load.py --findings 200000 --runs 1   # under a heap limit
    python3 bench/load.py --findings 10000,1000000 --runs 1 --sarif-full      # with every finding in SARIF too
"""
import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

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


def check_reports(output, findings, sarif_full=False):
    """All three reports hold every finding: returns a problem, or None."""
    junit = os.path.join(output, "junit", "TEST-plumb.xml")
    counted = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    declared = None
    for event, element in ET.iterparse(junit, events=("start", "end")):
        if event == "start" and element.tag == "testsuite":
            declared = {key: int(element.get(key)) for key in counted}
        elif event == "end" and element.tag == "testcase":
            children = [child.tag for child in element]
            if len(children) != len(set(children)) or children.count("system-out") != 1:
                return "JUnit XML: test case %s has children %s" % (element.get("name"), children)
            counted["tests"] += 1
            for tag, key in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
                if tag in children:
                    counted[key] += 1
                    if not element.find(tag).get("message"):
                        return "JUnit XML: %s without a message in %s" % (tag, element.get("name"))
            element.clear()
    if declared != counted or counted["tests"] != findings:
        return "JUnit XML: declared %s, counted %s, expected %d tests" % (declared, counted, findings)
    results = len(glob.glob(os.path.join(output, "allure-results", "*-result.json")))
    if results != findings:
        return "Allure: %d results for %d findings" % (results, findings)
    with open(os.path.join(output, "plumb.sarif")) as sarif_file:
        sarif = json.load(sarif_file)
    if sarif.get("version") != "2.1.0" or not isinstance(sarif["runs"][0].get("results"), list):
        return "SARIF: no run with a results array"
    if sarif_full:
        # too large to load whole at a million findings: count the results' ruleId fields line by line
        with open(os.path.join(output, "plumb-full.sarif.json")) as full:
            results = sum(1 for line in full if line.lstrip().startswith('"ruleId"'))
        if results != findings:
            return "SARIF full: %d results for %d findings" % (results, findings)
    return None


def run_once(plugins, suppressions, snapshots, output, time_tool, scale=1, check=True, sarif_full=False):
    shutil.rmtree(output, ignore_errors=True)
    command = [os.path.join(ROOT, "plumb"), "scan", "--quiet", "--plugins", plugins, "--rules", "load_*",
               "--suppressions", suppressions, "--output", output] + (["--sarif-full"] if sarif_full else [])
    for snapshot in snapshots:
        command += ["--snapshot", snapshot]
    if time_tool:
        command = [time_tool, "-v"] + command
    environment = dict(os.environ)
    environment["PLUMB_JAVA_OPTS"] = (environment.get("PLUMB_JAVA_OPTS", "") + " -Dplumb.load.scale=%d" % scale).strip()
    findings = len(snapshots) * FINDINGS_PER_ACCOUNT * scale
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    seconds = time.monotonic() - started
    if done.returncode != 2 or "%d findings" % findings not in done.stdout:
        sys.exit("unexpected result (exit %d):\n%s\n%s" % (done.returncode, done.stdout, done.stderr[-3000:]))
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if check:
        problem = check_reports(output, findings, sarif_full)
        if problem:
            sys.exit("invalid reports after %d findings: %s" % (findings, problem))
    return seconds, int(rss.group(1)) / 1024 if rss else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", default="50,500", help="comma separated account counts (default 50,500)")
    parser.add_argument("--findings", help="comma separated finding counts, over --scan-accounts accounts"
                        " (multiples of 100 x --scan-accounts); replaces --accounts")
    parser.add_argument("--scan-accounts", type=int, default=50, help="accounts of a --findings scan (default 50)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the median is printed (default 3)")
    parser.add_argument("--no-check", action="store_true", help="do not check the reports after each run")
    parser.add_argument("--sarif-full", action="store_true",
                        help="also write plumb-full.sarif.json (every finding) and check it holds every finding")
    args = parser.parse_args()
    if not os.path.isfile(JAR):
        sys.exit("missing %s: build it first with 'mvn -B -q package -DskipTests'" % JAR)
    time_tool = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    if time_tool is None:
        print("note: /usr/bin/time is missing, so peak RSS is not measured", file=sys.stderr)
    if args.findings:
        per_scan = args.scan_accounts * FINDINGS_PER_ACCOUNT
        sizes = [(args.scan_accounts, max(1, int(n) // per_scan)) for n in args.findings.split(",")]
    else:
        sizes = [(int(n), 1) for n in args.accounts.split(",")]
    work = tempfile.mkdtemp(prefix="plumb-load-")
    try:
        plugins = build_plugin(work)
        suppressions = os.path.join(work, "suppressions.yaml")
        with open(suppressions, "w") as out:
            out.write(SUPPRESSIONS)
        print("PLUMB_JAVA_OPTS=%s, %d runs per size, median shown%s" % (
            os.environ.get("PLUMB_JAVA_OPTS", ""), args.runs, ", with --sarif-full" if args.sarif_full else ""))
        print("%9s %9s %9s %13s %10s %10s" % ("accounts", "findings", "wall s", "peak RSS MB", "reports MB",
                                              "files"))
        rows = []
        snapshot_sets = {}
        # A first scan after the jar changed also makes the launcher's class-data archive (a training run
        # of its own JVM); take it here so that no measured run pays for it.
        snapshot_sets[1] = write_snapshots(work, 1)
        run_once(plugins, suppressions, snapshot_sets[1], os.path.join(work, "out-warm-up"), time_tool, 1, False)
        shutil.rmtree(os.path.join(work, "out-warm-up"), ignore_errors=True)
        for accounts, scale in sizes:
            if accounts not in snapshot_sets:
                snapshot_sets[accounts] = write_snapshots(work, accounts)
            snapshots = snapshot_sets[accounts]
            findings = accounts * FINDINGS_PER_ACCOUNT * scale
            output = os.path.join(work, "out-%d" % findings)
            runs = [run_once(plugins, suppressions, snapshots, output, time_tool, scale, not args.no_check,
                             args.sarif_full)
                    for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs) if time_tool else float("nan")
            files = sum(len(f) for _, _, f in os.walk(output))
            print("%9d %9d %9.1f %13.0f %10.1f %10d" % (accounts, findings, seconds, rss,
                                                       directory_bytes(output) / 1e6, files), flush=True)
            rows.append((findings, seconds, rss))
            shutil.rmtree(output, ignore_errors=True)
        if not args.no_check:
            print("reports checked after every run: JUnit XML counts and shape, Allure results, SARIF")
        for (small, small_s, small_rss), (large, large_s, large_rss) in zip(rows, rows[1:]):
            print("%d -> %d findings (x%.0f): time x%.2f, peak RSS x%.2f" % (
                small, large, large / small, large_s / small_s, large_rss / small_rss))
        if len(rows) > 1:
            first, last = rows[0], rows[-1]
            print("peak RSS at %d findings / at %d findings: %.2f (target <= 1.5)" % (
                last[0], first[0], last[2] / first[2]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
