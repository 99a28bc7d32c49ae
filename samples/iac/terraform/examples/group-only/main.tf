# An older account baseline: AWSSupportAccess goes to an IAM group of people, and no role has it.
# Plumb fails it: the policy is "attached only to group support-staff".
terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

resource "aws_iam_group" "support" {
  name = "support-staff"
}

resource "aws_iam_group_policy_attachment" "support" {
  group      = aws_iam_group.support.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSSupportAccess"
}

output "account_id" {
  value = data.aws_caller_identity.current.account_id
}
