#!/usr/bin/env bash
# Writes the plan fixtures of this directory with real Terraform against moto_server: each scenario
# is planned (after applying its starting point where it has one), then 'terraform show -json'.
# Needs terraform (1.5+), the hashicorp/aws provider (TF_PLUGIN_DIR: a provider mirror for
# 'terraform init -plugin-dir', when the registry is out of reach) and moto_server (moto 5).
# The output holds timestamps and ids that moto makes up, so two runs differ: commit the result.
#   usage: samples/iac/terraform/plans/generate.sh [OUTPUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(dirname "$here")"
out="$(cd "${1:-$here}" && pwd)"
work="$(mktemp -d)"
moto_pid=""
cleanup() {
  if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true TF_IN_AUTOMATION=1 TF_CLI_ARGS="-no-color" TF_INPUT=0 CHECKPOINT_DISABLE=1

# A fresh moto_server whose caller is in account $1.
start_account() {
  if [ -n "$moto_pid" ]; then kill "$moto_pid"; wait "$moto_pid" 2>/dev/null || true; fi
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  MOTO_ACCOUNT_ID="$1" MOTO_IAM_LOAD_MANAGED_POLICIES=true moto_server -p "$port" >"$work/moto.log" 2>&1 &
  moto_pid=$!
  export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "$AWS_ENDPOINT_URL/moto-api/" 2>/dev/null && break
    sleep 0.2
  done
  # Plan as a CI pipeline does: in a session of a role of the account (data.aws_caller_identity).
  export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
  unset AWS_SESSION_TOKEN
  aws iam create-role --role-name terraform-ci --assume-role-policy-document \
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}' >/dev/null
  read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN < <(aws sts assume-role \
    --role-arn "arn:aws:iam::$1:role/terraform-ci" --role-session-name GitHubActions --output text \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
}

# A clean copy of the module tree, so that relative module sources resolve as in the repository.
copy_tree() {
  rm -rf "$work/tree"
  mkdir -p "$work/tree"
  tar -C "$module" --exclude=.terraform --exclude=plans -cf - . | tar -C "$work/tree" -xf -
}

tf() { terraform -chdir="$1" "${@:2}"; }

init() {
  tf "$1" init -backend=false -input=false ${TF_PLUGIN_DIR:+-plugin-dir="$TF_PLUGIN_DIR"} >/dev/null
}

# show DIR NAME: the plan file DIR/tfplan as OUT/NAME.json (indented, keys in Terraform's order).
show() {
  tf "$1" show -json tfplan | python3 -m json.tool --indent 2 >"$out/$2.json"
  echo "wrote $out/$2.json"
}

copy_tree
start_account 210987654321
init "$work/tree"
tf "$work/tree" plan -out tfplan >/dev/null
show "$work/tree" compliant

# The account has the baseline; this pull request switches the attachment off.
tf "$work/tree" apply -auto-approve tfplan >/dev/null
tf "$work/tree" plan -var attach_support_policy=false -out tfplan >/dev/null
show "$work/tree" attachment-deleted

copy_tree
start_account 210987654321
init "$work/tree/examples/unknown-policy-arn"
tf "$work/tree/examples/unknown-policy-arn" plan -out tfplan >/dev/null
show "$work/tree/examples/unknown-policy-arn" unknown-policy-arn

copy_tree
start_account 478201936512
init "$work/tree/examples/group-only"
tf "$work/tree/examples/group-only" plan -out tfplan >/dev/null
show "$work/tree/examples/group-only" policy-on-group-only

copy_tree
start_account 731592846027
init "$work/tree/examples/oncall-roles"
tf "$work/tree/examples/oncall-roles" plan -out tfplan >/dev/null
show "$work/tree/examples/oncall-roles" for-each-roles
