output "role_arns" {
  description = "ARNs of the on-call roles by short name."
  value       = { for name, role in aws_iam_role.this : name => role.arn }
}
