package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI examples in samples/ci use the keys their systems read and the paths Plumb writes: each
 * example's own scan command is run, and the report paths the example publishes must exist.
 */
class CiExamplesTest {

    /** The report layout under the output directory (see the README's Reports section). */
    private static final String JUNIT = "plumb-reports/junit/TEST-plumb.xml";
    private static final String SARIF = "plumb-reports/plumb.sarif";

    private static final Path CI = Launcher.ROOT.resolve("samples/ci");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path workDir;

    @Test
    void githubActionsUploadsSarifAndPublishesJUnitEvenWhenTheScanFails() throws Exception {
        JsonNode workflow = YAML.readTree(CI.resolve("github-actions.yml").toFile());
        assertThat(workflow.path("permissions").path("security-events").asText()).isEqualTo("write");
        assertThat(workflow.path("permissions").path("id-token").asText()).isEqualTo("write");
        List<JsonNode> steps = list(workflow.path("jobs").path("scan").path("steps"));

        JsonNode scan = step(steps, s -> s.path("run").asText().startsWith("./plumb scan"));
        JsonNode sarif = step(steps, s -> s.path("uses").asText().equals("github/codeql-action/upload-sarif@v3"));
        JsonNode junit = step(steps, s -> s.path("uses").asText().startsWith("mikepenz/action-junit-report@"));
        JsonNode artifact = step(steps, s -> s.path("uses").asText().startsWith("actions/upload-artifact@"));

        assertThat(steps.indexOf(scan)).isLessThan(steps.indexOf(sarif)).isLessThan(steps.indexOf(junit));
        for (JsonNode after : List.of(sarif, junit, artifact)) {
            assertThat(after.path("if").asText()).as(after.toString()).startsWith("always()");
        }
        assertThat(sarif.path("with").path("sarif_file").asText()).isEqualTo(SARIF);
        assertThat(sarif.path("with").path("category").asText()).isNotBlank();
        assertThat(sarif.path("if").asText()).contains("hashFiles('" + SARIF + "')");
        assertThat(artifact.path("with").path("path").asText()).isEqualTo("plumb-reports/");
        // the action would guess an annotation file from the class name plumb.<account>.<rule id>
        assertThat(junit.path("with").path("skip_annotations").asBoolean()).as("annotations off").isTrue();

        assertReportsExistAfter(scan.path("run").asText() + " --snapshot samples/snapshots/compliant.json",
                junit.path("with").path("report_paths").asText());
    }

    @Test
    void gitlabKeepsTheJUnitReportAlways() throws Exception {
        JsonNode job = YAML.readTree(CI.resolve("gitlab-ci.yml").toFile()).path("plumb-scan");
        assertThat(job.isObject()).as("job plumb-scan").isTrue();
        JsonNode artifacts = job.path("artifacts");

        assertThat(artifacts.path("when").asText()).isEqualTo("always");
        assertThat(artifacts.path("reports").path("junit").asText()).isEqualTo(JUNIT);
        assertThat(list(artifacts.path("paths"))).extracting(JsonNode::asText).containsExactly("plumb-reports/");

        String command = list(job.path("script")).stream().map(JsonNode::asText)
                .filter(line -> line.startsWith("./plumb scan")).findFirst().orElseThrow();
        assertReportsExistAfter(command, artifacts.path("reports").path("junit").asText());
    }

    @Test
    void jenkinsPublishesJUnitInPostAlways() throws Exception {
        String pipeline = Files.readString(CI.resolve("Jenkinsfile"));
        Matcher post = Pattern.compile("post \\{\\s*always \\{\\s*junit '([^']+)'").matcher(pipeline);
        Matcher scan = Pattern.compile("script: '(\\./plumb scan [^']+)'").matcher(pipeline);

        assertThat(post.find()).as("junit step in post { always { ... } }").isTrue();
        assertThat(scan.find()).as("sh step running ./plumb scan").isTrue();
        assertThat(pipeline).contains("returnStatus: true");
        assertReportsExistAfter(scan.group(1), post.group(1));
    }

    /** Runs an example's scan command from a checkout-like directory; the published paths must then exist. */
    private void assertReportsExistAfter(String command, String publishedPattern) throws Exception {
        Files.createSymbolicLink(workDir.resolve("samples"), Launcher.ROOT.resolve("samples"));
        String[] words = command.strip().split("\\s+");
        assertThat(words[0]).isEqualTo("./plumb");

        Launcher result = Launcher.run(workDir, Map.of(), Arrays.copyOfRange(words, 1, words.length));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(JUNIT);
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + publishedPattern);
        try (Stream<Path> files = Files.walk(workDir.resolve("plumb-reports"))) {
            assertThat(files.map(workDir::relativize).filter(matcher::matches).map(Path::toString))
                    .as("files matching " + publishedPattern).contains(JUNIT);
        }
    }

    private static List<JsonNode> list(JsonNode node) {
        assertThat(node.isArray()).as(node.toString()).isTrue();
        return StreamSupport.stream(node.spliterator(), false).toList();
    }

    private static JsonNode step(List<JsonNode> steps, java.util.function.Predicate<JsonNode> which) {
        return steps.stream().filter(which).findFirst().orElseThrow(() -> new AssertionError("no such step in "
                + steps));
    }
}
