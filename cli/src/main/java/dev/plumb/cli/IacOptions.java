package dev.plumb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that judge an account as Terraform plans or CloudFormation templates will leave it,
 * before deploy. The engine reads every file once before the scan, so a bad one is exit code 3.
 */
final class IacOptions {

    @Option(names = "--terraform-plan", paramLabel = "PLAN.json",
            description = "Judge the account as this Terraform plan leaves it: the JSON of 'terraform show -json "
                    + "PLANFILE'. Repeatable; alone it judges an account holding only what the plans describe.")
    List<Path> plans = new ArrayList<>();

    @Option(names = "--cloudformation", paramLabel = "TEMPLATE",
            description = "Judge the account as this CloudFormation template (YAML or JSON) leaves it. Repeatable.")
    List<Path> templates = new ArrayList<>();

    @Option(names = "--terraform-dir", paramLabel = "DIR",
            description = "Configuration directory of the plans, for SARIF lines (default: each plan file's directory).")
    Path terraformDir;

    @Option(names = "--account", paramLabel = "ID",
            description = "12-digit account the plans or templates are for (default: from the plan: "
                    + "data.aws_caller_identity, the provider's assume_role, ARNs).")
    String account;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "Directory SARIF paths are relative to (default: the current directory).")
    Path sourceRoot;

    @Option(names = "--live",
            description = "With --terraform-plan or --cloudformation: judge the live account of the current "
                    + "credentials with the changes applied.")
    boolean live;

    boolean given() {
        return !plans.isEmpty() || !templates.isEmpty();
    }
}
