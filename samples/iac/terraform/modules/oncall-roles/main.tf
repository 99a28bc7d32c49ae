# On-call roles, one per entry of var.roles, each assumed with MFA from this account.
# The roles with support_access = true get the AWS managed policy AWSSupportAccess.

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "this" {
  for_each = var.roles

  name        = "oncall-${each.key}"
  description = each.value.description

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "read_only" {
  for_each = var.roles

  role       = aws_iam_role.this[each.key].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "support" {
  for_each = { for name, role in var.roles : name => role if role.support_access }

  role       = aws_iam_role.this[each.key].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSSupportAccess"
}
