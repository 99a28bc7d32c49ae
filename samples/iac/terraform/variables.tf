variable "role_name" {
  description = "Name of the support role."
  type        = string
  default     = "aws-support"
}

variable "trusted_principal_arns" {
  description = "IAM principals that may assume the support role, for example the on-call role of an identity account. Empty: the account root, so that any IAM identity of this account whose own policies allow sts:AssumeRole on the role can assume it."
  type        = list(string)
  default     = []
}

variable "attach_support_policy" {
  description = "Attach the AWS managed policy AWSSupportAccess to the support role. Setting it to false leaves the account without a support role: the Plumb gate fails the pull request that does it."
  type        = bool
  default     = true
}

variable "max_session_duration" {
  description = "Longest session of the support role, in seconds (3600 to 43200)."
  type        = number
  default     = 3600
}

variable "tags" {
  description = "Tags of the support role."
  type        = map(string)
  default     = {}
}
