variable "support_enabled" {
  type    = bool
  default = true
}

data "aws_partition" "current" {}

resource "aws_iam_role" "support" {
  name               = "aws-support"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_role_policy_attachment" "support" {
  count      = var.support_enabled ? 1 : 0
  role       = aws_iam_role.support.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSSupportAccess"
}

resource "aws_iam_role" "oncall" {
  for_each           = toset(["primary", "secondary"])
  name               = "oncall-${each.key}"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AWSSupportAccess"
}
