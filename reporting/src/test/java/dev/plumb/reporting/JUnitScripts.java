package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scripts of findings for the JUnit XML tests: every outcome, in one account and in many. */
final class JUnitScripts {

    static final ScriptedEngine.Rule IAM = new ScriptedEngine.Rule("iam_rule", "high", "iam");
    static final ScriptedEngine.Rule S3 = new ScriptedEngine.Rule("s3_rule", "low", "s3");

    private JUnitScripts() {
    }

    /** PASS, FAIL, ERROR, SKIPPED and SUPPRESSED in one account and rule, with evidence. */
    static List<ScriptedEngine.Step> everyOutcome(String account) {
        String arn = "arn:aws:iam::" + account + ":role/";
        return List.of(
                step(account, IAM, arn + "a-pass", Outcome.PASS, "Role a-pass is fine.", Map.of("roles", "a-pass")),
                step(account, IAM, arn + "b-fail", Outcome.FAIL, "Role b-fail has no MFA condition.",
                        Map.of("principal", "arn:aws:iam::" + account + ":root", "condition", "none")),
                step(account, IAM, arn + "c-error", Outcome.ERROR, "AccessDenied: iam:GetRole on c-error.",
                        Map.of("permission", "iam:GetRole")),
                step(account, IAM, arn + "d-skipped", Outcome.SKIPPED, "Not in the snapshot.", Map.of()),
                new ScriptedEngine.Step(account, IAM, arn + "e-suppressed", Outcome.SUPPRESSED,
                        "Role e-suppressed has no MFA condition.", Map.of("condition", "none"),
                        "Break-glass role, reviewed in SEC-9"));
    }

    /** Several accounts and two rules, handed to the engine in reverse account and rule order. */
    static List<ScriptedEngine.Step> manyAccounts(int accounts) {
        List<ScriptedEngine.Step> steps = new ArrayList<>();
        for (int i = accounts - 1; i >= 0; i--) {
            String account = String.valueOf(100000000000L + i);
            steps.add(step(account, S3, "arn:aws:s3:::bucket-" + i + "-a", Outcome.FAIL,
                    "Bucket bucket-" + i + "-a is public.", Map.of("acl", "public-read")));
            steps.add(step(account, S3, "arn:aws:s3:::bucket-" + i + "-b", Outcome.PASS,
                    "Bucket bucket-" + i + "-b is private.", Map.of()));
            steps.addAll(everyOutcome(account));
        }
        return steps;
    }

    static ScriptedEngine.Step step(String account, ScriptedEngine.Rule rule, String resource, Outcome outcome,
            String message, Map<String, String> evidence) {
        return new ScriptedEngine.Step(account, rule, resource, outcome, message, evidence, null);
    }
}
