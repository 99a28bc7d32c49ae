package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.JUnitXml;
import java.nio.file.Path;
import java.util.Map;
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
