variable "roles" {
  description = "On-call roles by short name: the role is named oncall-<name>; support_access attaches AWSSupportAccess."
  type = map(object({
    description    = string
    support_access = bool
  }))
}
