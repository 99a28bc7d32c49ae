data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

module "baseline" {
  source = "./modules/baseline"
}
