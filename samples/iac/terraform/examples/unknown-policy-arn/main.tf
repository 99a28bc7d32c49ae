# The baseline module called with depends_on on a resource that this plan creates. Terraform then
# reads the module's data sources only during apply, so aws_partition, and with it the policy ARN
# of the attachment, is unknown in the plan: Plumb reports an ERROR for the attachment's address
# instead of guessing. Remove depends_on (the module needs nothing from the alias) to fix it.
terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

resource "aws_iam_account_alias" "this" {
  account_alias = "acme-payments-prod"
}

module "baseline" {
  source = "../.."

  depends_on = [aws_iam_account_alias.this]
}
