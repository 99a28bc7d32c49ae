package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import dev.plumb.testing.SarifMultitool;
import dev.plumb.testing.ScanReportFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reports of the real launcher (a child JVM): secrets, the Allure report, GitHub's SARIF rules. */
class ReportsOfTheLauncherTest {


    @TempDir
    Path workDir;

    @Test
    void noCredentialFromTheEnvironmentOrTheJvmOptionsReachesAnyReport() throws Exception {
        MotoServer moto = MotoServer.shared();
        moto.reset();
        String keyId = "AKIAPLUMBSECRETTEST1";
        String secret = "pLuMbSeCrEtAcCeSsKeY/0123456789abcdefXYZ";
        String token = "IQoJb3JpZ2luX2VjEPlumbSessionToken0123456789+/==";
        Launcher result = Launcher.run(workDir, Map.of(
                        "AWS_ACCESS_KEY_ID", keyId, "AWS_SECRET_ACCESS_KEY", secret, "AWS_SESSION_TOKEN", token,
                        "PLUMB_JAVA_OPTS", "-Daws.accessKeyId=" + keyId + " -Daws.secretAccessKey=" + secret
                                + " -Daws.sessionToken=" + token),
                "scan", "--endpoint-url", moto.endpoint(), "--region", "us-east-1", "--sarif-full");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        Path reports = workDir.resolve("plumb-reports");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(reports)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> reports.relativize(f).toString())
                .contains("junit/TEST-plumb.xml", "plumb.sarif", "plumb-full.sarif.json", "allure-results/executor.json");
        for (Path file : files) {
            String content = Files.readString(file, StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.toString()).doesNotContain(keyId).doesNotContain(secret).doesNotContain(token);
        }
        // JUnit XML carries Plumb's own facts, no system property: nothing there needs masking
        assertThat(Files.readString(reports.resolve("junit/TEST-plumb.xml"))).contains("plumb.version")
                .contains("plumb.scanId").doesNotContain("java.version").doesNotContain("aws.secretAccessKey")
                .doesNotContain("aws.accessKeyId");
        assertThat(result.out() + result.err()).doesNotContain(secret).doesNotContain(token);
    }

    @Test
    void theAllureReportCountsWhatTheScanFound() throws Exception {
        Launcher scan = Launcher.run(workDir, Map.of(), "scan",
                "--snapshot", Launcher.SNAPSHOTS.resolve("compliant.json").toString(),
                "--snapshot", Launcher.SNAPSHOTS.resolve("support-on-user-only.json").toString());
        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(1);
        JUnitXml junit = new ScanReportFiles(workDir.resolve("plumb-reports")).junit();

        Launcher multiFile = Launcher.run(workDir, Map.of(), "report", "--multi-file");

        assertThat(multiFile.exitCode()).as(multiFile.toString()).isZero();
        JsonNode statistic = new ObjectMapper().readTree(workDir.resolve(
                "plumb-reports/allure-report/widgets/summary.json").toFile()).path("statistic");
        assertThat(statistic.path("total").asInt()).isEqualTo(junit.tests()).isEqualTo(2);
        assertThat(statistic.path("failed").asInt()).isEqualTo(junit.failures()).isEqualTo(1);
        assertThat(statistic.path("broken").asInt()).isEqualTo(junit.errors());
        assertThat(statistic.path("skipped").asInt()).isEqualTo(junit.skipped());
        assertThat(statistic.path("passed").asInt()).isEqualTo(1);

        Launcher singleFile = Launcher.run(workDir, Map.of(), "report");

        assertThat(singleFile.exitCode()).as(singleFile.toString()).isZero();
        assertThat(singleFile.out()).contains("plumb-reports/allure-report/index.html");
        try (Stream<Path> files = Files.list(workDir.resolve("plumb-reports/allure-report"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("index.html");
        }
    }

    @Test
    void theReportCommandWithoutResultsIsOneLineAndExitThree() throws Exception {
        Launcher result = Launcher.run(workDir, Map.of(), "report", "-o", "nothing-here");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("no Allure results");
    }

    /**
     * Runs when the SARIF multitool is installed (.ci/run installs it); on CI a missing multitool
     * fails the test instead of skipping it. A passing, a failing and an erroring scan.
     */
    @ParameterizedTest
    @ValueSource(strings = {"passing", "failing", "erroring"})
    void theSarifFilesPassTheMultitoolWithGitHubRulesWithoutErrorsOrWarnings(String kind) throws Exception {
        SarifMultitool multitool = SarifMultitool.of(Launcher.ROOT);
        Launcher scan = switch (kind) {
            case "passing" -> Launcher.run(workDir, Map.of(), "scan", "--sarif-full",
                    "--snapshot", Launcher.SNAPSHOTS.resolve("compliant.json").toString());
            case "failing" -> Launcher.run(workDir, Map.of(), "scan", "--sarif-full",
                    "--sarif-location", "345678901234=infra/accounts/prod/main.tf",
                    "--snapshot", Launcher.SNAPSHOTS.resolve("support-on-user-only.json").toString(),
                    "--snapshot", Launcher.SNAPSHOTS.resolve("compliant.json").toString());
            default -> erroringScan();
        };
        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(switch (kind) {
            case "passing" -> 0;
            case "failing" -> 1;
            default -> 2;
        });
        Path sarif = workDir.resolve("plumb-reports/plumb.sarif");
        JsonNode run = new ObjectMapper().readTree(sarif.toFile()).path("runs").get(0);
        assertThat(run.path("results").isArray()).as("results, even when empty").isTrue();
        assertThat(run.path("results").size()).isEqualTo(kind.equals("failing") ? 1 : 0);
        assertThat(run.path("invocations").get(0).path("toolExecutionNotifications").size())
                .isEqualTo(kind.equals("erroring") ? 1 : 0);

        assertThat(multitool.problems(sarif)).isEmpty();
        assertThat(multitool.problems(workDir.resolve("plumb-reports/plumb-full.sarif.json"))).isEmpty();

        if (kind.equals("failing")) {
            JsonNode broken = new ObjectMapper().readTree(sarif.toFile());
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("runs").get(0).path("results").get(0))
                    .remove("locations");
            Path withoutLocation = workDir.resolve("without-location.sarif");
            new ObjectMapper().writeValue(withoutLocation.toFile(), broken);
            assertThat(multitool.problems(withoutLocation)).as("the multitool catches a result without location")
                    .anySatisfy(line -> assertThat(line).contains("error GH"));
        }
    }

    /** A live scan whose IAM call is denied: an ERROR. */
    private Launcher erroringScan() throws Exception {
        MotoServer moto = MotoServer.shared();
        moto.reset();
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            proxy.inject("iam:ListEntitiesForPolicy", FaultProxy.ALWAYS, FaultProxy.accessDenied());
            return Launcher.run(workDir, Map.of(), "scan", "--sarif-full", "--endpoint-url", proxy.endpoint(),
                    "--region", "us-east-1");
        }
    }

    /** Allure's output used to be read to its end before the timeout started: it never fired. */
    @Test
    void theReportTimeoutStopsAnAllureThatHangs() throws Exception {
        Launcher scan = Launcher.run(workDir, Map.of(), "scan",
                "--snapshot", Launcher.SNAPSHOTS.resolve("compliant.json").toString());
        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        Path fake = Files.createDirectories(workDir.resolve("hanging-allure/bin"));
        Files.writeString(fake.resolve("allure"), "#!/bin/sh\necho generating\nsleep 60\n");
        assertThat(fake.resolve("allure").toFile().setExecutable(true)).isTrue();

        long start = System.nanoTime();
        Launcher report = Launcher.run(workDir, Map.of("PLUMB_ALLURE_HOME", workDir.resolve("hanging-allure").toString()),
                "report", "--timeout", "2");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertThat(report.exitCode()).as(report.toString()).isEqualTo(2);
        assertThat(report.err().strip()).doesNotContain("\n").contains("did not finish within 2 seconds");
        assertThat(seconds).as("stopped after the timeout, not after Allure's 60 s").isLessThan(30);
    }

    /** Allure's Trend widget needs the previous report's history in the results. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void twoScansAndTwoReportsShowATrendOfTwoRuns(boolean multiFile) throws Exception {
        List<String> report = multiFile ? List.of("report", "--multi-file") : List.of("report");
        assertThat(Launcher.run(workDir, Map.of(), "scan", "--snapshot",
                Launcher.SNAPSHOTS.resolve("support-on-user-only.json").toString()).exitCode()).isEqualTo(1);
        assertThat(Launcher.run(workDir, Map.of(), report.toArray(String[]::new)).exitCode()).isZero();
        assertThat(Launcher.run(workDir, Map.of(), "scan", "--snapshot",
                Launcher.SNAPSHOTS.resolve("compliant.json").toString()).exitCode()).isZero();

        Launcher second = Launcher.run(workDir, Map.of(), report.toArray(String[]::new));

        assertThat(second.exitCode()).as(second.toString()).isZero();
        Path output = workDir.resolve("plumb-reports/allure-report");
        String trend = multiFile ? Files.readString(output.resolve("widgets/history-trend.json"))
                : embedded(Files.readString(output.resolve("index.html")), "widgets/history-trend.json");
        JsonNode runs = new ObjectMapper().readTree(trend);
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("data").path("passed").asInt()).isEqualTo(1);
        assertThat(runs.get(1).path("data").path("failed").asInt()).isEqualTo(1);
    }

    /** A file that a single-file Allure report embeds, base64, in its index.html. */
    private static String embedded(String index, String name) {
        java.util.regex.Matcher data = java.util.regex.Pattern.compile("d\\('" + java.util.regex.Pattern.quote(name)
                + "','([A-Za-z0-9+/=]*)'\\)").matcher(index);
        assertThat(data.find()).as(name + " in index.html").isTrue();
        return new String(java.util.Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8);
    }

    /** The error and warning lines of {@code Sarif.Multitool validate --rule-kind "Sarif;Ghas"}. */
}
