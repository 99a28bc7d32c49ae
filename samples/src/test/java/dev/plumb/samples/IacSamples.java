package dev.plumb.samples;

import java.nio.file.Path;
import java.util.List;

/**
 * The Terraform plan fixtures of samples/iac and what each one gives, as samples/iac/README.md
 * documents it. Paths are relative to the repository root.
 */
final class IacSamples {

    static final Path IAC = Launcher.ROOT.resolve("samples/iac");
    static final String BASELINE_DIR = "samples/iac/terraform";
    static final String POLICY = "AWSSupportAccess";

    /** Where a FAIL's SARIF result points: a file relative to the repository root and a 1-based line. */
    record SourceLine(String uri, int line) {
    }

    /**
     * One plan fixture: the directory of the configuration it was planned from, the account it
     * describes, the outcome of account_supportrole with a fragment of its message, where the SARIF
     * result of a FAIL points (null otherwise), and the options a scan needs beyond the plan and
     * the directory.
     */
    record PlanSample(String name, String terraformDir, String account, String outcome, String message,
            SourceLine sarif, List<String> extraOptions) {

        String plan() {
            return BASELINE_DIR + "/plans/" + name + ".json";
        }

        Path planFile() {
            return Launcher.ROOT.resolve(plan());
        }

        Path directory() {
            return Launcher.ROOT.resolve(terraformDir);
        }

        @Override
        public String toString() {
            return name + ".json";
        }

        /** The JUnit XML test case name of the finding. */
        String testCase() {
            return "account_supportrole [" + account + "] arn:aws:iam::" + account + ":root";
        }
    }

    /** The attachment of the baseline module: line of its resource block in main.tf. */
    static final SourceLine BASELINE_ATTACHMENT = new SourceLine(BASELINE_DIR + "/main.tf", 34);

    static final PlanSample COMPLIANT = new PlanSample("compliant", BASELINE_DIR, "210987654321", "PASS",
            "is attached to role aws-support", null, List.of());
    static final PlanSample ATTACHMENT_DELETED = new PlanSample("attachment-deleted", BASELINE_DIR, "210987654321",
            "FAIL", "has no IAM role with the AWS managed policy AWSSupportAccess", BASELINE_ATTACHMENT, List.of());
    static final PlanSample GROUP_ONLY = new PlanSample("policy-on-group-only", BASELINE_DIR + "/examples/group-only",
            "478201936512", "FAIL", "attached only to group support-staff",
            new SourceLine(BASELINE_DIR + "/examples/group-only/main.tf", 1), List.of());
    static final PlanSample UNKNOWN_POLICY_ARN = new PlanSample("unknown-policy-arn",
            BASELINE_DIR + "/examples/unknown-policy-arn", "210987654321", "ERROR",
            "module.baseline.aws_iam_role_policy_attachment.support[0]", null, List.of("--account", "210987654321"));
    static final PlanSample FOR_EACH_ROLES = new PlanSample("for-each-roles", BASELINE_DIR + "/examples/oncall-roles",
            "731592846027", "PASS", "oncall-incident-commander", null, List.of());

    static final List<PlanSample> PLANS = List.of(COMPLIANT, ATTACHMENT_DELETED, GROUP_ONLY, UNKNOWN_POLICY_ARN,
            FOR_EACH_ROLES);

    private IacSamples() {
    }
}
