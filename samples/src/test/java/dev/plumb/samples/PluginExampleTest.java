package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin example, as built by its own project, dropped into a plugin directory and loaded by
 * the real launcher for a scan of moto. CI builds the plugin first and passes
 * {@code -Dplumb.pluginExample=required}, so there a missing jar fails the test instead of skipping it.
 */
class PluginExampleTest {

    private static final Path TARGET = Launcher.ROOT.resolve("samples/plugin-example/target");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private final MotoServer moto = MotoServer.shared();
    private Path plugins;

    @BeforeEach
    void pluginDirectory() throws IOException {
        Path jar = builtJar();
        plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        moto.reset();
    }

    @Test
    void thePluginsRulesScanTheAccountNextToTheBuiltInOne() throws Exception {
        bucket("kept", true);
        bucket("open", false);

        Launcher result = scan();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        JUnitXml report = report();
        assertThat(report.cases()).extracting(c -> c.name() + " " + c.outcome()).containsExactlyInAnyOrder(
                "account_supportrole [123456789012] arn:aws:iam::123456789012:root FAIL",
                "s3_bucket_public_access_block [123456789012] arn:aws:s3:::kept FAIL",
                "s3_bucket_public_access_block [123456789012] arn:aws:s3:::open FAIL",
                "s3_bucket_versioning [123456789012] arn:aws:s3:::kept PASS",
                "s3_bucket_versioning [123456789012] arn:aws:s3:::open FAIL");
    }

    @Test
    void selectionSuppressionsAndTheSeverityGateWorkOnPluginRules() throws Exception {
        bucket("open", false);
        Path suppressions = Files.writeString(work.resolve("suppressions.yaml"), """
                suppressions:
                  - rule: s3_bucket_public_access_block
                    resource: "arn:aws:s3:::open*"
                    reason: Public website bucket, reviewed in SEC-7
                """);

        Launcher result = scan("--rules", "s3_*", "--suppressions", suppressions.toString(), "--fail-on", "high");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("PASS 0  FAIL 1  ERROR 0  SKIPPED 0  SUPPRESSED 1")
                .contains("0 of 1 FAILs at or above --fail-on high");
        JUnitXml report = report();
        assertThat(report.cases()).extracting(c -> c.name().substring(0, c.name().indexOf(' ')) + " " + c.outcome())
                .containsExactlyInAnyOrder("s3_bucket_public_access_block SKIPPED", "s3_bucket_versioning FAIL");
        assertThat(report.cases()).filteredOn(c -> c.outcome().equals("SKIPPED")).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("Public website bucket, reviewed in SEC-7"));
    }

    @Test
    void theRulesCommandListsAndExplainsThePluginsRules() throws Exception {
        Launcher list = Launcher.run(work, Map.of(), "rules", "--plugins", plugins.toString());
        Launcher explain = Launcher.run(work, Map.of(), "rules", "--plugins", plugins.toString(), "--explain",
                "s3_bucket_versioning");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).containsPattern("s3_bucket_public_access_block +high .* +example-s3 +plumb-plugin-s3-");
        assertThat(explain.out()).startsWith("# Every S3 bucket has versioning enabled");
    }

    private Launcher scan(String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--endpoint-url", moto.endpoint(), "--region",
                "us-east-1", "--plugins", plugins.toString(), "-o", work.resolve("reports").toString()));
        args.addAll(List.of(more));
        return Launcher.run(work, Map.of(), args.toArray(String[]::new));
    }

    private JUnitXml report() {
        return JUnitXml.parse(work.resolve("reports/junit/TEST-plumb.xml")).assertConsistent();
    }

    /** Creates a bucket through moto's S3 REST API; the test has no S3 client of its own. */
    private void bucket(String name, boolean versioned) throws Exception {
        put(name, "");
        if (versioned) {
            put(name + "?versioning", "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<Status>Enabled</Status></VersioningConfiguration>");
        }
    }

    private void put(String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(moto.endpoint() + "/" + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static Path builtJar() throws IOException {
        List<Path> jars = List.of();
        if (Files.isDirectory(TARGET)) {
            try (Stream<Path> files = Files.list(TARGET)) {
                jars = files.filter(f -> f.getFileName().toString().matches("plumb-plugin-s3-.*\\.jar")).toList();
            }
        }
        String build = "build it first: mvn -B -f samples/plugin-example/pom.xml verify (see .ci/run)";
        if ("required".equals(System.getProperty("plumb.pluginExample"))) {
            assertThat(jars).as("the plugin example jar in " + TARGET + "; " + build).hasSize(1);
        }
        assumeTrue(jars.size() == 1, "the plugin example jar is not built; " + build);
        return jars.get(0);
    }
}
