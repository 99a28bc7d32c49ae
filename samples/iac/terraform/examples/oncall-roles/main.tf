# A workload account whose support role comes from a module of for_each roles:
# oncall-incident-commander has AWSSupportAccess, oncall-sre-readonly has not.
terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

data "aws_caller_identity" "current" {}

module "oncall" {
  source = "../../modules/oncall-roles"

  roles = {
    incident-commander = {
      description    = "Leads incidents and opens AWS Support cases."
      support_access = true
    }
    sre-readonly = {
      description    = "Looks, does not touch."
      support_access = false
    }
  }
}

output "account_id" {
  value = data.aws_caller_identity.current.account_id
}

output "oncall_role_arns" {
  value = module.oncall.role_arns
}
