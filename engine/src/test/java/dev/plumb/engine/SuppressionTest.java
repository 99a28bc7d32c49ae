package dev.plumb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plumb.engine.snapshot.SnapshotFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionTest {

    @Test
    void globsMatchAcrossColonsAndSlashesAndPlainTextMatchesOnlyItself() {
        assertThat(Glob.matches("iam_*", "iam_root_mfa")).isTrue();
        assertThat(Glob.matches("iam_*", "s3_bucket")).isFalse();
        assertThat(Glob.matches("arn:aws:s3:::logs-*", "arn:aws:s3:::logs-2026/x")).isTrue();
        assertThat(Glob.matches("arn:aws:iam::*:role/ops-?", "arn:aws:iam::123456789012:role/ops-1")).isTrue();
        assertThat(Glob.matches("arn:aws:iam::*:role/ops-?", "arn:aws:iam::123456789012:role/ops-12")).isFalse();
        assertThat(Glob.matches("a*b*c", "aXXbYYc")).isTrue();
        assertThat(Glob.matches("a*b*c", "aXXbYY")).isFalse();
        assertThat(Glob.matches("account_supportrole", "account_supportrole")).isTrue();
        assertThat(Glob.matches("account.supportrole", "account_supportrole")).isFalse();
        assertThat(Glob.isGlob("iam_*")).isTrue();
        assertThat(Glob.isGlob("iam_root")).isFalse();
    }

    @Test
    void anEntryMatchesOnlyWhenRuleAccountAndResourceAllMatch() {
        Suppression entry = new Suppression("s.yaml:2", "s3_*", "123456789012", "arn:aws:s3:::public-*", "website");

        assertThat(entry.matches("s3_bucket_versioning", "123456789012", "arn:aws:s3:::public-site")).isTrue();
        assertThat(entry.matches("s3_bucket_versioning", "210987654321", "arn:aws:s3:::public-site")).isFalse();
        assertThat(entry.matches("iam_root", "123456789012", "arn:aws:s3:::public-site")).isFalse();
        assertThat(entry.matches("s3_bucket_versioning", "123456789012", "arn:aws:s3:::private")).isFalse();
    }

    @Test
    void missingFieldsMatchAnythingButAReasonIsRequired() {
        Suppression any = new Suppression("s.yaml:2", "account_supportrole", null, null, "accepted");

        assertThat(any.matches("account_supportrole", "123456789012", "arn:aws:iam::123456789012:root")).isTrue();
        assertThatThrownBy(() -> new Suppression("s.yaml:2", "x", null, null, " "))
                .hasMessageContaining("needs a reason");
    }

    @Test
    void theSuppressionsKeyReachesThePlannedScanAndTheFirstMatchWins(@TempDir Path work) throws Exception {
        Path snapshot = Files.writeString(work.resolve("account.json"), """
                {"UserDetailList": [], "GroupDetailList": [], "Policies": [],
                 "RoleDetailList": [{"RoleName": "admin", "Arn": "arn:aws:iam::123456789012:role/admin"}]}
                """);
        Path file = Files.writeString(work.resolve("s.yaml"), """
                suppressions:
                  - rule: "account_*"
                    reason: first
                  - rule: "*"
                    reason: second
                """);
        ScanSettings settings = ScanSettings.from(new MapParameters(java.util.Map.of(
                PlumbEngineKeys.SNAPSHOTS, snapshot.toString(), PlumbEngineKeys.SUPPRESSIONS, file.toString())));

        ScanRequest request = ScanPlanner.plan(settings, List.of(), RuleCatalog.of(List.of()), new SnapshotFiles(),
                new Secrets(), List.of()).request();

        assertThat(request.suppressions()).extracting(Suppression::reason).containsExactly("first", "second");
        assertThat(request.suppressionFor("account_supportrole", "123456789012", "r")).get()
                .extracting(Suppression::reason).isEqualTo("first");
        assertThat(request.suppressionFor("iam_x", "123456789012", "r")).get()
                .extracting(Suppression::reason).isEqualTo("second");
    }

    record MapParameters(java.util.Map<String, String> values)
            implements org.junit.platform.engine.ConfigurationParameters {

        @Override
        public java.util.Optional<String> get(String key) {
            return java.util.Optional.ofNullable(values.get(key));
        }

        @Override
        public java.util.Optional<Boolean> getBoolean(String key) {
            return get(key).map(Boolean::valueOf);
        }

        @Override
        public java.util.Set<String> keySet() {
            return values.keySet();
        }
    }
}
