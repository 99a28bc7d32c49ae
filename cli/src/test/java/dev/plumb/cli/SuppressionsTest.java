package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.JUnitXml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --suppressions: matching FAILs become SUPPRESSED in every report and leave the exit code alone. */
class SuppressionsTest {

    private static final Path FAILING = Path.of("../samples/snapshots/support-on-user-only.json");
    private static final String ACCOUNT = "345678901234";

    @TempDir
    Path work;

    @Test
    void aMatchingEntryTurnsTheFailIntoSuppressedWithItsReasonAndExitZero() throws Exception {
        Path file = yaml("""
                suppressions:
                  - rule: account_*
                    account: "%s"
                    resource: "arn:aws:iam::*:root"
                    reason: Support cases go through the partner's role (TICKET-42)
                    expires: 2999-12-31
                """.formatted(account()));

        Cli result = scan("--suppressions", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("PASS 0  FAIL 0  ERROR 0  SKIPPED 0  SUPPRESSED 1");
        JUnitXml report = result.junit();
        assertThat(report.skipped()).isEqualTo(1);
        JUnitXml.TestCase finding = report.only();
        assertThat(finding.outcome()).isEqualTo("SKIPPED");
        assertThat(finding.message()).isEqualTo("Suppressed: Support cases go through the partner's role (TICKET-42)");
        assertThat(finding.body()).contains("FAIL: ").contains("attached only to user alice and group oncall");
        assertThat(finding.output()).contains("outcome: SUPPRESSED")
                .contains("suppression: Support cases go through the partner's role (TICKET-42)");
        assertThat(result.err()).doesNotContain("warning");
    }

    @Test
    void anEntryForAnotherAccountDoesNotMatchAndIsReportedAsStale() throws Exception {
        Path file = yaml("""
                suppressions:
                  - rule: account_supportrole
                    account: "999999999999"
                    reason: another account
                """);

        Cli result = scan("--suppressions", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.junit().only().outcome()).isEqualTo("FAIL");
        assertThat(result.err()).contains("warning: suppression " + file + ":2 (rule account_supportrole, account "
                + "999999999999, resource *) matched no finding");
    }

    @Test
    void anExpiredEntryNoLongerAppliesAndSaysSo() throws Exception {
        Path file = yaml("""
                suppressions:
                  - rule: account_supportrole
                    reason: accepted until the migration
                    expires: 2020-01-31
                """);

        Cli result = scan("--suppressions", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.junit().only().outcome()).isEqualTo("FAIL");
        assertThat(result.err()).contains("warning: suppression " + file + ":2 (rule account_supportrole) expired on "
                + "2020-01-31 and no longer applies");
    }

    @Test
    void badFilesAreOneLineAndExitThreeBeforeAnyReport() throws Exception {
        assertRefused("suppressions:\n  - rule: x\n    reason: \"unclosed\n", "line 3", "invalid YAML: while scanning a quoted scalar, found unexpected end of stream");
        assertRefused("suppressions:\n  - rule: x\n    reason: [a, b]\n", "line 3", "'reason' must be a single value");
        assertRefused("suppressions:\n  - rule: account_supportrole\n    reason: ok\n    owner: me\n",
                "line 4", "unknown key 'owner'");
        assertRefused("suppressions:\n  - rule: account_supportrole\n    account: \"123456789012\"\n",
                "line 2", "has no reason");
        assertRefused("suppressions:\n  - rule: account_supportrole\n    reason: ok\n    expires: 31/12/2026\n",
                "line 2", "expires '31/12/2026' is not a date: write YYYY-MM-DD");
        assertRefused("supressions:\n  - rule: account_supportrole\n", "line 1", "unknown key 'supressions'");
        assertRefused("suppressions:\n  - reason: everything\n", "line 2", "has no rule");
    }

    @Test
    void anAliasIsRefusedWithItsLineNotReadAsTheAnchorsName() throws Exception {
        assertRefused("""
                suppressions:
                  - rule: account_supportrole
                    reason: &why Support goes through the partner's role
                  - rule: other_rule
                    reason: *why
                """, "line 5", "alias '*why'", "write the value itself");
    }

    @Test
    void aSecondYamlDocumentIsRefused() throws Exception {
        assertRefused("""
                suppressions:
                  - rule: account_supportrole
                    reason: first document
                ---
                suppressions:
                  - rule: other_rule
                    reason: second document
                """, "line 5", "a second YAML document");
    }

    @Test
    void aFileAboveTheSizeLimitIsReportedAsTooLargeNotAsInvalidYaml() throws Exception {
        StringBuilder big = new StringBuilder("suppressions:\n");
        String entry = "  - rule: account_supportrole\n    reason: accepted for a reason long enough to fill the file\n";
        while (big.length() <= 3 * 1024 * 1024) {
            big.append(entry);
        }

        assertRefused(big.toString(), "larger than 3 MB", "limit");
        Cli result = scan("--suppressions", work.resolve("bad.yaml").toString());
        assertThat(result.err()).doesNotContain("invalid YAML");
    }

    @Test
    void aFileJustBelowTheSizeLimitIsRead() throws Exception {
        String entry = "  - rule: account_supportrole\n    reason: accepted until the migration\n";
        StringBuilder content = new StringBuilder("suppressions:\n");
        while (content.length() + entry.length() <= 3 * 1024 * 1024) {
            content.append(entry);
        }
        Path file = yaml(content.toString());

        Cli result = scan("--suppressions", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("SUPPRESSED 1");
    }

    @Test
    void filesOfTheWrongShapeSayWhatIsWrongAndWhere() throws Exception {
        assertRefused("", "is empty: write a 'suppressions:' list");
        assertRefused("# only a comment\n", "is empty");
        assertRefused("- rule: x\n  reason: y\n", "line 1", "must be a mapping with a 'suppressions:' list");
        assertRefused("suppressions: everything\n", "line 1", "'suppressions' must be a list of entries");
        assertRefused("suppressions:\n  - rule: x\n    reason: y\n  - just text\n", "line 4",
                "each suppression must be a mapping");
        assertRefused("suppressions:\n  -\n", "line 2", "each suppression must be a mapping");
        assertRefused("suppressions:\n  - rule: x\n    reason: y\n    reason: z\n", "line 4",
                "'reason' is given twice in one suppression");
        assertRefused("suppressions:\n  - rule: x\n    reason: {why: because}\n", "line 3",
                "'reason' must be a single value");
    }

    @Test
    void anEmptyListAndNumbersAsTextAreFine() throws Exception {
        Path empty = yaml("suppressions:\n");
        Cli none = scan("--suppressions", empty.toString());
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(1);

        Path numbers = yaml("suppressions:\n  - rule: account_supportrole\n    account: %s\n    reason: 42\n"
                .formatted(ACCOUNT));
        Cli result = scan("--suppressions", numbers.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.junit().only().message()).isEqualTo("Suppressed: 42");
        assertThat(result.junit().only().body()).contains("FAIL: ");
    }

    @Test
    void aMissingFileIsExitThree() {
        Cli result = scan("--suppressions", work.resolve("nope.yaml").toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).isEqualTo("plumb: suppressions file " + work.resolve("nope.yaml")
                + " does not exist.");
    }

    private void assertRefused(String content, String... expected) throws Exception {
        Path file = Files.writeString(work.resolve("bad.yaml"), content);
        Cli result = scan("--suppressions", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("plumb: suppressions file " + file)
                .contains(expected);
        assertThat(work.resolve("out")).doesNotExist();
    }

    private Path yaml(String content) throws Exception {
        return Files.writeString(work.resolve("suppressions.yaml"), content);
    }

    private static String account() {
        return ACCOUNT;
    }

    private Cli scan(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "scan";
        all[1] = "--snapshot";
        all[2] = FAILING.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(work.resolve("out"), all);
    }
}
