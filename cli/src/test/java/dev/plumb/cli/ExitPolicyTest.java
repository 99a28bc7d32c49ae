package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --fail-on and --allow-errors decide the exit code; the reports stay the same. */
class ExitPolicyTest {

    private static final Path FAILING = Path.of("../samples/snapshots/support-on-user-only.json");
    private static final Path COMPLIANT = Path.of("../samples/snapshots/compliant.json");

    @TempDir
    Path work;

    @Test
    void aLowSeverityFailBreaksTheBuildByDefaultAndAtLowButNotAtMedium() {
        Cli byDefault = scan(FAILING);
        Cli atLow = scan(FAILING, "--fail-on", "low");
        Cli atMedium = scan(FAILING, "--fail-on", "medium");

        assertThat(byDefault.exitCode()).as(byDefault.toString()).isEqualTo(1);
        assertThat(atLow.exitCode()).as(atLow.toString()).isEqualTo(1);
        assertThat(atMedium.exitCode()).as(atMedium.toString()).isZero();
        assertThat(atMedium.out()).contains("FAIL 1").contains("0 of 1 FAILs at or above --fail-on medium");
        assertThat(atMedium.junit().only().outcome()).isEqualTo("FAIL");
    }

    @Test
    void errorsGiveTwoUnlessAllowedThenTheFailsDecide() {
        Path plugins = work.resolve("plugins");
        PluginJars.build("misbehaving", plugins, "misbehaving.jar");
        String[] throwingAndFailing = {"--plugins", plugins.toString(), "--rules", "plugin_throws,plugin_well_behaved"};

        Cli strict = scan(COMPLIANT, throwingAndFailing);
        Cli allowed = scan(COMPLIANT, concat(throwingAndFailing, "--allow-errors"));
        Cli allowedAboveTheFail = scan(COMPLIANT, concat(throwingAndFailing, "--allow-errors", "--fail-on", "critical"));

        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(2);
        assertThat(allowed.exitCode()).as(allowed.toString()).isEqualTo(1);
        assertThat(allowed.out()).contains("ERROR 1").contains("--allow-errors");
        assertThat(allowedAboveTheFail.exitCode()).as(allowedAboveTheFail.toString()).isZero();
    }

    @Test
    void anUnknownSeverityIsExitThree() {
        Cli result = scan(FAILING, "--fail-on", "severe");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("--fail-on").contains("severe");
    }

    private Cli scan(Path snapshot, String... args) {
        return Cli.run(work.resolve("out"), concat(new String[] {"scan", "--snapshot", snapshot.toString()}, args));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
