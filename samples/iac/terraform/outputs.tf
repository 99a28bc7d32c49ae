output "account_id" {
  description = "The account the baseline was applied to."
  value       = data.aws_caller_identity.current.account_id
}

output "support_role_arn" {
  description = "ARN of the support role."
  value       = aws_iam_role.support.arn
}

output "support_role_name" {
  description = "Name of the support role."
  value       = aws_iam_role.support.name
}
