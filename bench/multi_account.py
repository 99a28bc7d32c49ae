#!/usr/bin/env python3
"""Plumb benchmark: one account and many accounts against moto, side by side with the AWS CLI.

Build first (the script builds nothing):   mvn -B -q package -DskipTests
Run:                                       python3 bench/multi_account.py [--accounts 200] [--memory 200,1000]

Needs moto_server (moto 5, with boto3) and the AWS CLI on the PATH. It measures, in one run:
  1. one account: `plumb scan` vs a shell script with the AWS CLI (sts get-caller-identity +
     iam list-entities-for-policy); median wall time of several runs; ratio
  2. --accounts-file over N accounts vs the AWS CLI script (sts assume-role + iam
     list-entities-for-policy) looped over a sample; per-account cost; ratio
  3. AWS API calls per account, from moto's request recorder
  4. peak memory (max RSS, /usr/bin/time -v) of scans of 200 and 1000 accounts
  5. startup: JVM start to the first API call, with and without an AppCDS archive
Times are wall-clock on this machine; moto answers every call, so they include moto's own time.
"""
import argparse
import base64
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "cli", "target", "plumb.jar")
LAUNCHER = os.path.join(ROOT, "plumb")
JAVA_OPTS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"]
POLICY = "arn:aws:iam::aws:policy/AWSSupportAccess"
ROLE = "PlumbAudit"
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
           AWS_DEFAULT_REGION="us-east-1", AWS_REGION="us-east-1", AWS_PAGER="")
ENV.pop("AWS_PROFILE", None)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    def __init__(self, work, managed_policies=True):
        self.port = free_port()
        env = dict(ENV, MOTO_ENABLE_RECORDING="true", MOTO_RECORDER_FILEPATH=os.path.join(work, "moto_recording"))
        if managed_policies:
            env["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
        self.process = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(self.port)], env=env, cwd=work,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.endpoint = "http://127.0.0.1:%d" % self.port
        for _ in range(600):
            try:
                urllib.request.urlopen(self.endpoint + "/moto-api/data.json", timeout=2)
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("moto_server did not start")

    def post(self, path):
        urllib.request.urlopen(urllib.request.Request(self.endpoint + path, method="POST"), timeout=60).read()

    def recording(self):
        return urllib.request.urlopen(self.endpoint + "/moto-api/recorder/download-recording", timeout=60).read()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def boto(service, endpoint, credentials=None):
    import boto3
    keys = dict(aws_access_key_id="testing", aws_secret_access_key="testing")
    if credentials:
        keys = dict(aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                    aws_session_token=credentials["SessionToken"])
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", **keys)


def account_ids(count, prefix="8"):
    return ["%s%011d" % (prefix, n) for n in range(1, count + 1)]


def create_fixtures(endpoint, ids):
    """Half the accounts get a support role; every account's IAM is touched so moto has built it."""
    sts = boto("sts", endpoint)
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                                 "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]})
    for n, account in enumerate(ids):
        creds = sts.assume_role(RoleArn="arn:aws:iam::%s:role/fixture" % account, RoleSessionName="fixture")["Credentials"]
        iam = boto("iam", endpoint, creds)
        iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=trust)
        if n % 2 == 0:
            iam.attach_role_policy(RoleName=ROLE, PolicyArn=POLICY)
        if (n + 1) % 50 == 0:
            print("  fixtures: %d/%d accounts" % (n + 1, len(ids)), file=sys.stderr)


def run(command, env=ENV, quiet=True):
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE if quiet else None, stderr=subprocess.PIPE,
                          text=True)
    return time.perf_counter() - start, done


def plumb(args, out, java_opts=()):
    """A scan the way users run it: through the ./plumb launcher (its JVM options and AppCDS archive)."""
    if java_opts:
        return ["java", *JAVA_OPTS, *java_opts, "-jar", JAR, "scan", *args, "--output", out, "--quiet"]
    return [LAUNCHER, "scan", *args, "--output", out, "--quiet"]


def cli_one_account(endpoint):
    return ["bash", "-c", "aws --endpoint-url %s sts get-caller-identity >/dev/null && "
            "aws --endpoint-url %s iam list-entities-for-policy --policy-arn %s --max-items 1000 >/dev/null"
            % (endpoint, endpoint, POLICY)]


def cli_loop(endpoint, ids):
    script = """set -e
for account in %s; do
  creds=$(aws --endpoint-url %s sts assume-role --role-arn arn:aws:iam::$account:role/%s \
      --role-session-name audit --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
  read -r key secret token <<<"$creds"
  AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
    aws --endpoint-url %s iam list-entities-for-policy --policy-arn %s --max-items 1000 >/dev/null
done""" % (" ".join(ids), endpoint, ROLE, endpoint, POLICY)
    return ["bash", "-c", script]


def median_time(command, runs, expect=(0, 1)):
    times = []
    for _ in range(runs):
        elapsed, done = run(command)
        if done.returncode not in expect:
            raise SystemExit("command failed (%d): %s\n%s" % (done.returncode, " ".join(command[:8]), done.stderr))
        times.append(elapsed)
    return statistics.median(times)


def max_rss_mib(command):
    elapsed, done = run(["/usr/bin/time", "-v", *command])
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if done.returncode not in (0, 1, 2) or not match:
        raise SystemExit("memory run failed (%d): %s" % (done.returncode, done.stderr[-2000:]))
    return int(match.group(1)) / 1024, elapsed


def first_call_seconds(java_opts=()):
    """JVM start to the first API call: a listener records when plumb's first connection arrives."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    arrived = {}

    def accept():
        connection, _ = server.accept()
        arrived["at"] = time.perf_counter()
        connection.close()

    listener = threading.Thread(target=accept, daemon=True)
    listener.start()
    out = tempfile.mkdtemp()
    start = time.perf_counter()
    run(plumb(["--endpoint-url", "http://127.0.0.1:%d" % server.getsockname()[1], "--region", "us-east-1",
               "--call-timeout", "2"], out, java_opts))
    listener.join(5)
    server.close()
    shutil.rmtree(out, ignore_errors=True)
    return arrived["at"] - start


def report(line):
    print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=200, help="accounts in the many-account scan (default 200)")
    parser.add_argument("--sample", type=int, default=5, help="accounts the AWS CLI loop scans (default 5)")
    parser.add_argument("--runs", type=int, default=5, help="runs for each median (default 5)")
    parser.add_argument("--memory", default="200,1000", help="account counts of the memory runs (default 200,1000)")
    parser.add_argument("--parts", default="1,2,3,4,5", help="which measurements to run (default 1,2,3,4,5)")
    options = parser.parse_args()
    parts = {int(p) for p in options.parts.split(",") if p}
    if not os.path.isfile(JAR):
        raise SystemExit("build first: mvn -B -q package -DskipTests (expects %s)" % JAR)
    for tool in ("moto_server", "aws", "java"):
        if shutil.which(tool) is None:
            raise SystemExit("%s is not on the PATH" % tool)
    work = tempfile.mkdtemp(prefix="plumb-bench-")
    print("Plumb benchmark (%s, moto; medians of %d runs; AWS CLI loop over %d accounts)"
          % (time.strftime("%Y-%m-%d"), options.runs, options.sample), flush=True)
    moto = Moto(work, managed_policies=True)
    try:
        endpoint = moto.endpoint
        boto("iam", endpoint).list_roles()
        ids = account_ids(options.accounts if parts & {2, 3} else 0)
        print("moto on %s; fixtures for %d accounts..." % (endpoint, len(ids)), file=sys.stderr)
        create_fixtures(endpoint, ids)
        accounts_file = os.path.join(work, "accounts.txt")
        with open(accounts_file, "w") as f:
            f.write("\n".join(ids) + "\n")
        out = os.path.join(work, "reports")

        # 1. one account, end to end: the two commands alternate, so that load from elsewhere hits both
        one = ["--endpoint-url", endpoint, "--region", "us-east-1"]
        run(plumb(one, out))
        plumb_times, cli_times = [], []
        for _ in range(options.runs if 1 in parts else 0):
            plumb_times.append(median_time(plumb(one, out), 1))
            cli_times.append(median_time(cli_one_account(endpoint), 1, expect=(0,)))
        plumb_one = statistics.median(plumb_times) if plumb_times else 0
        cli_one = statistics.median(cli_times) if cli_times else 1
        if 1 in parts:
            report("1. one account:   plumb %.2f s, AWS CLI script %.2f s  -> plumb takes %.2fx the script's time"
                   " (target <= 1)" % (plumb_one, cli_one, plumb_one / cli_one))
        if parts & {2, 3}:
            # 2. many accounts
            many = ["--endpoint-url", endpoint, "--region", "us-east-1", "--accounts-file", accounts_file,
                    "--role-name", ROLE]
            run(plumb(many, out))
            plumb_many = median_time(plumb(many, out), max(1, options.runs // 2))
            sample = ids[:options.sample]
            cli_sample = median_time(cli_loop(endpoint, sample), 1, expect=(0,))
            per_plumb = plumb_many / options.accounts
            per_cli = cli_sample / options.sample
            report("2. %d accounts:  plumb %.2f s = %.3f s/account; AWS CLI loop %.2f s over %d = %.2f s/account"
                   "  -> %.0fx cheaper per account (target >= 50x)"
                   % (options.accounts, plumb_many, per_plumb, cli_sample, options.sample, per_cli, per_cli / per_plumb))

            # 3. API calls per account
            moto.post("/moto-api/recorder/reset-recording")
            moto.post("/moto-api/recorder/start-recording")
            run(plumb(many, out))
            moto.post("/moto-api/recorder/stop-recording")
            actions = {}
            for line in moto.recording().decode().splitlines():
                entry = json.loads(line)
                body = entry.get("body") or ""
                if entry.get("body_encoded"):
                    body = base64.b64decode(body).decode("utf-8", "replace")
                match = re.search(r"Action=([A-Za-z]+)", body)
                action = match.group(1) if match else (entry.get("headers", {}).get("X-Amz-Target") or entry.get("uri"))
                actions[action] = actions.get(action, 0) + 1
            per_account = sum(v for k, v in actions.items()
                              if k in ("AssumeRole", "ListEntitiesForPolicy")) / options.accounts
            report("3. API calls:     %s  -> %.2f per account (target 2: AssumeRole + ListEntitiesForPolicy)"
                   % (", ".join("%s %d" % kv for kv in sorted(actions.items())), per_account))
    finally:
        moto.stop()

    # 4. memory: a moto without managed policies builds accounts fast; the scan does the same calls
    light = Moto(work, managed_policies=False) if 4 in parts else None
    try:
        for count in [int(n) for n in options.memory.split(",") if n and light]:
            ids = account_ids(count, prefix="9")
            accounts_file = os.path.join(work, "accounts-%d.txt" % count)
            with open(accounts_file, "w") as f:
                f.write("\n".join(ids) + "\n")
            many = ["--endpoint-url", light.endpoint, "--region", "us-east-1", "--accounts-file", accounts_file,
                    "--role-name", ROLE]
            run(plumb(many, os.path.join(work, "mem")))
            rss, elapsed = max_rss_mib(plumb(many, os.path.join(work, "mem")))
            report("4. peak memory:   %d accounts: max RSS %.0f MiB (%.1f s)" % (count, rss, elapsed))
    finally:
        if light:
            light.stop()

    # 5. startup
    if 5 not in parts:
        shutil.rmtree(work, ignore_errors=True)
        return
    # the archive of the same command, and the one the launcher writes on Java 17 by its training run
    archive = os.path.join(work, "plumb.jsa")
    trained = os.path.join(work, "training.jsa")
    plain = statistics.median(first_call_seconds() for _ in range(options.runs))
    first_call_seconds(["-XX:ArchiveClassesAtExit=" + archive])
    cds = statistics.median(first_call_seconds(["-XX:SharedArchiveFile=" + archive]) for _ in range(options.runs))
    subprocess.run(["java", *JAVA_OPTS, "-XX:ArchiveClassesAtExit=" + trained, "-cp", JAR, "dev.plumb.cli.CdsTraining"],
                   check=True, capture_output=True)
    launcher = statistics.median(first_call_seconds(["-XX:SharedArchiveFile=" + trained])
                                 for _ in range(options.runs))

    report("5. startup:       JVM start to first API call %.2f s; with an AppCDS archive of this command %.2f s"
           " (%.0f%% less); with the launcher's training archive %.2f s (%.0f%% less)"
           % (plain, cds, 100 * (plain - cds) / plain, launcher, 100 * (plain - launcher) / plain))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
