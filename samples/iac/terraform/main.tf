# Account baseline: the support role of CIS AWS Foundations 1.17 / Security Hub IAM.18.
# An IAM role with the AWS managed policy AWSSupportAccess lets on-call engineers open AWS
# Support cases without the root user. Plumb's rule account_supportrole checks it.

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

locals {
  account_root       = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
  trusted_principals = length(var.trusted_principal_arns) > 0 ? var.trusted_principal_arns : [local.account_root]
}

resource "aws_iam_role" "support" {
  name                 = var.role_name
  description          = "Opens and manages AWS Support cases (AWSSupportAccess); assumed with MFA only."
  max_session_duration = var.max_session_duration
  tags                 = var.tags

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AssumeWithMfa"
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = local.trusted_principals }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# The partition comes from the provider (aws, aws-cn, aws-us-gov), never a hard-coded "arn:aws".
# A literal ARN is known when Terraform plans, so the Plumb gate can judge it before apply.
resource "aws_iam_role_policy_attachment" "support" {
  count = var.attach_support_policy ? 1 : 0

  role       = aws_iam_role.support.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSSupportAccess"
}
