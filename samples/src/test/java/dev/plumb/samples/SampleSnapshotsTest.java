package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.JUnitXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bundled sample gives the outcome the README promises, through the real launcher. */
class SampleSnapshotsTest {

    @TempDir
    Path workDir;

    @Test
    void theQuickStartSampleIsCompliantFromAnyWorkingDirectory() throws Exception {
        Launcher result = Launcher.run(workDir, Map.of(), "scan", "--snapshot",
                Launcher.SNAPSHOTS.resolve("compliant.json").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("PASS 1  FAIL 0  ERROR 0").contains("plumb-reports/junit/TEST-plumb.xml");
        JUnitXml report = JUnitXml.parse(workDir.resolve("plumb-reports/junit/TEST-plumb.xml")).assertConsistent();
        assertThat(report.only().name()).isEqualTo("account_supportrole [210987654321] arn:aws:iam::210987654321:root");
        assertThat(report.only().output()).contains("aws-support");
    }

    @Test
    void theSupportPolicyOnAUserAndAGroupOnlyFails() throws Exception {
        Launcher result = Launcher.run(workDir, Map.of(), "scan", "--snapshot",
                Launcher.SNAPSHOTS.resolve("support-on-user-only.json").toString(), "-o", "out dir");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        JUnitXml.TestCase finding = JUnitXml.parse(workDir.resolve("out dir/junit/TEST-plumb.xml"))
                .assertConsistent().only();
        assertThat(finding.outcome()).isEqualTo("FAIL");
        assertThat(finding.message()).contains("attached only to user alice and group oncall");
    }

    @Test
    void theLargeAccountFindsItsSupportRoleBehindHundredsOfOthers() throws Exception {
        Launcher result = Launcher.run(workDir, Map.of(), "scan", "--snapshot",
                Launcher.SNAPSHOTS.resolve("large-account.json").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JUnitXml.TestCase finding = JUnitXml.parse(workDir.resolve("plumb-reports/junit/TEST-plumb.xml"))
                .assertConsistent().only();
        assertThat(finding.name()).isEqualTo("account_supportrole [456789012345] arn:aws:iam::456789012345:root");
        assertThat(finding.output()).contains("is attached to role platform-support.");
    }

    @Test
    void theChinaAccountIsJudgedByTheAwsCnPolicy() throws Exception {
        Launcher result = Launcher.run(workDir, Map.of(), "scan", "--snapshot",
                Launcher.SNAPSHOTS.resolve("aws-cn.json").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JUnitXml.TestCase finding = JUnitXml.parse(workDir.resolve("plumb-reports/junit/TEST-plumb.xml"))
                .assertConsistent().only();
        assertThat(finding.name()).isEqualTo("account_supportrole [567890123456] arn:aws-cn:iam::567890123456:root");
        assertThat(finding.output()).contains("arn:aws-cn:iam::aws:policy/AWSSupportAccess")
                .contains("role support-oncall");
    }

    @Test
    void allSamplesInOneRunAreFourAccountsWithTheirOwnOutcomes() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--quiet"));
        for (String sample : List.of("compliant", "support-on-user-only", "large-account", "aws-cn")) {
            args.add("--snapshot");
            args.add(Launcher.SNAPSHOTS.resolve(sample + ".json").toString());
        }

        Launcher result = Launcher.run(workDir, Map.of(), args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("4 accounts, 1 rule, 4 findings").contains("PASS 3  FAIL 1  ERROR 0")
                .contains("FAIL  345678901234 account_supportrole");
        JUnitXml report = JUnitXml.parse(workDir.resolve("plumb-reports/junit/TEST-plumb.xml")).assertConsistent();
        Map<String, String> outcomes = report.cases().stream()
                .collect(Collectors.toMap(JUnitXml.TestCase::classname, JUnitXml.TestCase::outcome));
        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "plumb.210987654321.account_supportrole", "PASS",
                "plumb.345678901234.account_supportrole", "FAIL",
                "plumb.456789012345.account_supportrole", "PASS",
                "plumb.567890123456.account_supportrole", "PASS"));
    }

    @Test
    void theGeneratedSamplesAreWhatTheScriptWrites() throws Exception {
        Process generate = new ProcessBuilder("python3", Launcher.SNAPSHOTS.resolve("generate.py").toString(),
                workDir.toString()).inheritIO().start();
        assertThat(generate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(generate.exitValue()).isZero();

        for (String sample : List.of("large-account.json", "aws-cn.json")) {
            assertThat(Files.mismatch(workDir.resolve(sample), Launcher.SNAPSHOTS.resolve(sample)))
                    .as(sample + " differs from what generate.py writes: run it and commit the result").isEqualTo(-1L);
        }
    }

    @Test
    void theLauncherPrintsItsVersionAndRejectsUnknownOptions() throws Exception {
        Launcher version = Launcher.run(workDir, Map.of(), "--version");
        Launcher bad = Launcher.run(workDir, Map.of(), "scan", "--frobnicate");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("plumb ");
        assertThat(bad.exitCode()).isEqualTo(3);
        assertThat(bad.err().strip()).isEqualTo(
                "plumb: Unknown option: '--frobnicate'. Run 'plumb scan --help' for the options.");
    }
}
