#!/usr/bin/env python3
"""Writes the generated sample snapshots: large-account.json and aws-cn.json.

Both are in the JSON that `aws iam get-account-authorization-details --output json` prints.
The output is deterministic; run `python3 generate.py [DIR]` (default: this script's directory)
and commit the files. compliant.json and support-on-user-only.json are written by hand.
"""
import hashlib
import json
import os
import sys

TEAMS = ["payments", "search", "identity", "ledger", "media", "growth", "risk", "mobile", "data", "edge"]
ENVS = ["dev", "staging", "prod"]
KINDS = [("api", "ecs-tasks"), ("worker", "lambda"), ("batch", "batch"), ("etl", "glue")]


def ident(prefix, *parts):
    digest = hashlib.sha256("/".join(parts).encode()).hexdigest().upper()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    return prefix + "".join(alphabet[int(digest[i:i + 2], 16) % 32] for i in range(0, 34, 2))


def date(n):
    return "2024-%02d-%02dT%02d:%02d:%02d+00:00" % (1 + n % 12, 1 + n % 28, n % 24, (7 * n) % 60, (13 * n) % 60)


def document(statements):
    return {"Version": "2012-10-17", "Statement": statements}


def trust(principal):
    return document([{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}])


def aws_policy(partition, name):
    return {"PolicyName": name, "PolicyArn": "arn:%s:iam::aws:policy/%s" % (partition, name)}


def role(partition, account, n, name, path, principal, attached):
    return {
        "Path": path,
        "RoleName": name,
        "RoleId": ident("AROA", account, name),
        "Arn": "arn:%s:iam::%s:role%s%s" % (partition, account, path, name),
        "CreateDate": date(n),
        "AssumeRolePolicyDocument": trust(principal),
        "InstanceProfileList": [],
        "RolePolicyList": [],
        "AttachedManagedPolicies": attached,
        "Tags": [],
        "RoleLastUsed": {},
    }


def user(partition, account, n, name, groups, attached):
    return {
        "Path": "/",
        "UserName": name,
        "UserId": ident("AIDA", account, name),
        "Arn": "arn:%s:iam::%s:user/%s" % (partition, account, name),
        "CreateDate": date(n),
        "UserPolicyList": [],
        "GroupList": groups,
        "AttachedManagedPolicies": attached,
        "Tags": [],
    }


def group(partition, account, n, name, attached):
    return {
        "Path": "/",
        "GroupName": name,
        "GroupId": ident("AGPA", account, name),
        "Arn": "arn:%s:iam::%s:group/%s" % (partition, account, name),
        "CreateDate": date(n),
        "GroupPolicyList": [],
        "AttachedManagedPolicies": attached,
    }


def managed_policies(partition, account, entities, customer):
    """The Policies section: every managed policy attached to an entity, with its attachment count."""
    counts = {}
    for entity in entities:
        for attached in entity["AttachedManagedPolicies"]:
            counts[attached["PolicyArn"]] = counts.get(attached["PolicyArn"], 0) + 1
    policies = []
    for n, arn in enumerate(sorted(counts)):
        name = arn.rsplit("/", 1)[1]
        statements = customer.get(name, [{"Effect": "Allow", "Action": ["support:*"] if name == "AWSSupportAccess"
                                          else ["%s:Get*" % name.lower()[:3]], "Resource": "*"}])
        policies.append({
            "PolicyName": name,
            "PolicyId": ident("ANPA", arn),
            "Arn": arn,
            "Path": "/",
            "DefaultVersionId": "v1",
            "AttachmentCount": counts[arn],
            "PermissionsBoundaryUsageCount": 0,
            "IsAttachable": True,
            "CreateDate": date(n),
            "UpdateDate": date(n + 1),
            "PolicyVersionList": [{"Document": document(statements), "VersionId": "v1", "IsDefaultVersion": True,
                                   "CreateDate": date(n + 1)}],
        })
    return policies


def large_account():
    """456789012345: 420 roles; the one support role is number 377, behind hundreds of workload roles."""
    partition, account = "aws", "456789012345"
    roles = [
        role(partition, account, 0, "AWSServiceRoleForSupport", "/aws-service-role/support.amazonaws.com/",
             {"Service": "support.amazonaws.com"}, [aws_policy(partition, "AWSSupportServiceRolePolicy")]),
        role(partition, account, 1, "AWSServiceRoleForTrustedAdvisor",
             "/aws-service-role/trustedadvisor.amazonaws.com/", {"Service": "trustedadvisor.amazonaws.com"},
             [aws_policy(partition, "AWSTrustedAdvisorServiceRolePolicy")]),
        role(partition, account, 2, "OrganizationAccountAccessRole", "/", {"AWS": "arn:aws:iam::111111111111:root"},
             [aws_policy(partition, "AdministratorAccess")]),
    ]
    n = len(roles)
    while len(roles) < 420:
        team, env = TEAMS[n % len(TEAMS)], ENVS[(n // len(TEAMS)) % len(ENVS)]
        kind, service = KINDS[(n // 30) % len(KINDS)]
        if len(roles) == 376:
            roles.append(role(partition, account, n, "platform-support", "/ops/",
                              {"AWS": "arn:aws:iam::%s:root" % account},
                              [aws_policy(partition, "AWSSupportAccess"), aws_policy(partition, "ReadOnlyAccess")]))
        else:
            roles.append(role(partition, account, n, "%s-%s-%s-%03d" % (team, kind, env, n), "/service/",
                              {"Service": "%s.amazonaws.com" % service},
                              [{"PolicyName": "%s-%s" % (team, kind),
                                "PolicyArn": "arn:%s:iam::%s:policy/%s-%s" % (partition, account, team, kind)}]))
        n += 1
    groups = [group(partition, account, i, name, attached) for i, (name, attached) in enumerate([
        ("admins", [aws_policy(partition, "AdministratorAccess")]),
        ("developers", [aws_policy(partition, "ReadOnlyAccess")]),
        ("auditors", [aws_policy(partition, "SecurityAudit")]),
    ])]
    users = [user(partition, account, i, "%s.%s" % (first, TEAMS[i % len(TEAMS)]),
                  ["developers"] if i % 4 else ["admins"], [])
             for i, first in enumerate(["ana", "ben", "chen", "dara", "eli", "fay", "gus", "hana", "ivo", "jo",
                                        "kai", "lea", "max", "nia", "oto", "pia", "quin", "rae", "sol", "tal"])]
    users.append(user(partition, account, 99, "auditor", ["auditors"], []))
    customer = {"%s-%s" % (team, kind): [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                                          "Resource": "arn:aws:s3:::%s-%s/*" % (team, kind)}]
                for team in TEAMS for kind, _ in KINDS}
    return {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles,
            "Policies": managed_policies(partition, account, users + groups + roles, customer)}


def china_account():
    """567890123456 in aws-cn (cn-north-1): the support role has arn:aws-cn:iam::aws:policy/AWSSupportAccess."""
    partition, account = "aws-cn", "567890123456"
    roles = [
        role(partition, account, 0, "AWSServiceRoleForSupport", "/aws-service-role/support.amazonaws.com/",
             {"Service": "support.amazonaws.com"}, [aws_policy(partition, "AWSSupportServiceRolePolicy")]),
        role(partition, account, 1, "support-oncall", "/",
             {"AWS": "arn:aws-cn:iam::%s:root" % account}, [aws_policy(partition, "AWSSupportAccess")]),
        role(partition, account, 2, "ecs-task-orders", "/service/", {"Service": "ecs-tasks.amazonaws.com"},
             [aws_policy(partition, "AmazonS3ReadOnlyAccess")]),
    ]
    users = [user(partition, account, 0, "deployer", [], [aws_policy(partition, "PowerUserAccess")])]
    return {"UserDetailList": users, "GroupDetailList": [], "RoleDetailList": roles,
            "Policies": managed_policies(partition, account, users + roles, {})}


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for name, snapshot in [("large-account.json", large_account()), ("aws-cn.json", china_account())]:
        with open(os.path.join(target, name), "w", encoding="utf-8") as out:
            out.write(json.dumps(snapshot, indent=4) + "\n")


if __name__ == "__main__":
    main()
