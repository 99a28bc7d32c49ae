#!/usr/bin/env python3
"""Interruption benchmark: SIGTERM in the middle of an offline scan of many accounts.

Writes one small snapshot per account (the support role on every third account), scans them all
through the built launcher, and sends SIGTERM to it once half of the accounts are done. It prints
how long Plumb took from the signal to its exit, the exit code, and checks what it left: JUnit XML
that parses and counts one test case per account, every account that was not done an ERROR
"interrupted", the summary on stdout and no staging directory. A full scan of the same accounts,
without a signal, is timed side by side.

    mvn -B -q package -DskipTests             # builds cli/target/plumb.jar
    python3 bench/interrupt.py                # 25000 accounts, 3 runs
    python3 bench/interrupt.py --accounts 2000 --runs 1
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "cli", "target", "plumb.jar")
SUPPORT = "arn:aws:iam::aws:policy/AWSSupportAccess"

SNAPSHOT = """{"UserDetailList": [], "GroupDetailList": [], "Policies": [], "RoleDetailList": [{
  "Path": "/", "RoleName": "audit", "RoleId": "AROAAUDIT%(id)s", "Arn": "arn:aws:iam::%(id)s:role/audit",
  "CreateDate": "2025-01-01T00:00:00+00:00", "RolePolicyList": [], "AttachedManagedPolicies": [%(attached)s],
  "InstanceProfileList": [], "Tags": [], "RoleLastUsed": {},
  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}]}
"""
ATTACHED = '{"PolicyName": "AWSSupportAccess", "PolicyArn": "%s"}' % SUPPORT


def write_snapshots(directory, accounts):
    os.makedirs(directory)
    files = []
    for i in range(accounts):
        account = str(100000000000 + i)
        path = os.path.join(directory, account[-6:] + ".json")
        with open(path, "w") as out:
            out.write(SNAPSHOT % {"id": account, "attached": ATTACHED if i % 3 == 0 else ""})
        files.append(os.path.relpath(path, directory))
    return files


def command(snapshots, output):
    args = [os.path.join(ROOT, "plumb"), "scan", "--output", output]
    for snapshot in snapshots:
        args += ["--snapshot", snapshot]
    return args


def check_reports(output, accounts, interrupted):
    """Counts what the JUnit XML holds; stops the benchmark when the reports are not what they must be."""
    junit = os.path.join(output, "junit", "TEST-plumb.xml")
    cases = ElementTree.parse(junit).getroot().iter("testcase")
    total = errors = 0
    for case in cases:
        total += 1
        error = case.find("error")
        if error is not None:
            errors += 1
            if interrupted and "interrupted" not in (error.get("message") or ""):
                sys.exit("an ERROR that is not an interruption: %s" % error.get("message"))
    if total != accounts:
        names = {}
        for case in ElementTree.parse(junit).getroot().iter("testcase"):
            names.setdefault(case.get("classname"), []).append(case.get("name"))
        odd = {name: cases for name, cases in names.items() if len(cases) != 1}
        sys.exit("JUnit XML holds %d test cases for %d accounts; classes with more than one: %s"
                 % (total, accounts, str(odd)[:2000]))
    left = [name for name in os.listdir(output) if name.startswith(".plumb-staging")]
    if left:
        sys.exit("staging left behind: %s" % left)
    return errors


def full_scan(work, snapshots):
    output = os.path.join(work, "out-full")
    shutil.rmtree(output, ignore_errors=True)
    started = time.monotonic()
    done = subprocess.run(command(snapshots, output) + ["--quiet"], cwd=work, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 1:
        sys.exit("the full scan exited %d:\n%s" % (done.returncode, done.stderr[-3000:]))
    check_reports(output, len(snapshots), False)
    return seconds


def interrupted_scan(work, snapshots):
    """Starts the scan, sends SIGTERM when half of the accounts are done, times signal -> exit."""
    output = os.path.join(work, "out-term")
    shutil.rmtree(output, ignore_errors=True)
    half = len(snapshots) // 2
    process = subprocess.Popen(command(snapshots, output), cwd=work, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    stdout = []
    reader = threading.Thread(target=lambda: stdout.append(process.stdout.read()))
    reader.start()
    signalled = None
    tail = []
    for line in process.stderr:
        tail = (tail + [line])[-20:]
        progress = re.match(r"plumb: \[(\d+)/\d+\]", line)
        if signalled is None and progress and int(progress.group(1)) >= half:
            os.kill(process.pid, signal.SIGTERM)
            signalled = time.monotonic()
    code = process.wait()
    seconds = time.monotonic() - signalled if signalled else float("nan")
    reader.join()
    if signalled is None:
        sys.exit("the scan ended before half of the accounts were done:\n" + "".join(tail))
    if code != 143:
        sys.exit("exit %d after SIGTERM, expected 143:\n%s" % (code, "".join(tail)))
    if "ERROR" not in stdout[0]:
        sys.exit("no summary on stdout after SIGTERM:\n" + "".join(tail))
    errors = check_reports(output, len(snapshots), True)
    return seconds, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=25000, help="accounts scanned (default 25000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each scan; the median is printed (default 3)")
    args = parser.parse_args()
    if not os.path.isfile(JAR):
        sys.exit("missing %s: build it first with 'mvn -B -q package -DskipTests'" % JAR)
    work = tempfile.mkdtemp(prefix="plumb-interrupt-")
    try:
        snapshots = write_snapshots(os.path.join(work, "s"), args.accounts)
        snapshots = [os.path.join("s", name) for name in snapshots]
        full = []
        stopped = []
        for _ in range(args.runs):
            full.append(full_scan(work, snapshots))
            stopped.append(interrupted_scan(work, snapshots))
        print("%d accounts, %d runs, medians:" % (args.accounts, args.runs))
        print("  full scan:                     %.1f s" % statistics.median(full))
        print("  SIGTERM at half -> exit 143:   %.1f s to write the reports and exit (%d of %d accounts interrupted)"
              % (statistics.median(s[0] for s in stopped), statistics.median(s[1] for s in stopped),
                 args.accounts))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
