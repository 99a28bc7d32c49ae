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
        String uploaded = sarif.path("with").path("sarif_file").asText();
        assertThat(uploaded).isIn(SARIF, "plumb-reports");
        assertThat(sarif.path("with").has("category"))
                .as("upload-sarif's category input cannot override the file's automationDetails.id").isFalse();
        assertThat(sarif.path("if").asText()).contains("hashFiles('" + SARIF + "')");
        assertThat(artifact.path("with").path("path").asText()).isEqualTo("plumb-reports/");
        Matcher category = Pattern.compile("--sarif-category (\\S+)").matcher(scan.path("run").asText());
        assertThat(category.find()).as("the scan sets its own stable category").isTrue();
        // the action would guess an annotation file from the class name plumb.<account>.<rule id>
        assertThat(junit.path("with").path("skip_annotations").asBoolean()).as("annotations off").isTrue();

        assertReportsExistAfter(scan.path("run").asText() + " --sarif-full --snapshot samples/snapshots/compliant.json",
                junit.path("with").path("report_paths").asText());
        // codeql-action uploads a file, or every *.sarif under a directory (recursively)
        List<Path> sarifFiles;
        try (Stream<Path> files = Files.walk(workDir.resolve(uploaded))) {
            sarifFiles = files.filter(f -> f.getFileName().toString().endsWith(".sarif")).toList();
        }
        assertThat(sarifFiles).extracting(workDir::relativize).extracting(Path::toString).containsExactly(SARIF);
        assertThat(new ObjectMapper().readTree(sarifFiles.get(0).toFile()).path("runs").get(0)
                .path("automationDetails").path("id").asText()).isEqualTo(category.group(1) + "/");
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

    @Test
    void githubTerraformGatePlansScansThePlanAndPublishesEvenWhenTheGateFails() throws Exception {
        JsonNode workflow = YAML.readTree(CI.resolve("github-actions-terraform-gate.yml").toFile());
        assertThat(workflow.path("on").has("pull_request")).as("runs on pull requests").isTrue();
        assertThat(workflow.path("permissions").path("security-events").asText()).isEqualTo("write");
        List<JsonNode> steps = list(workflow.path("jobs").path("gate").path("steps"));

        JsonNode setup = step(steps, s -> s.path("uses").asText().startsWith("hashicorp/setup-terraform@"));
        JsonNode plan = step(steps, s -> s.path("run").asText().contains("terraform plan"));
        JsonNode scan = step(steps, s -> s.path("run").asText().startsWith("./plumb scan"));
        JsonNode sarif = step(steps, s -> s.path("uses").asText().equals("github/codeql-action/upload-sarif@v3"));
        JsonNode junit = step(steps, s -> s.path("uses").asText().startsWith("mikepenz/action-junit-report@"));
        JsonNode artifact = step(steps, s -> s.path("uses").asText().startsWith("actions/upload-artifact@"));

        assertThat(setup.path("with").path("terraform_wrapper").asBoolean(true))
                .as("the wrapper of setup-terraform would corrupt the JSON of terraform show").isFalse();
        assertThat(steps.indexOf(setup)).isLessThan(steps.indexOf(plan));
        assertThat(steps.indexOf(plan)).isLessThan(steps.indexOf(scan));
        assertThat(steps.indexOf(scan)).isLessThan(steps.indexOf(sarif)).isLessThan(steps.indexOf(junit));
        assertThat(scan.has("continue-on-error")).as("exit 1 and 2 of the gate fail the job").isFalse();
        for (JsonNode after : List.of(sarif, junit, artifact)) {
            assertThat(after.path("if").asText()).as(after.toString()).startsWith("always()");
        }

        List<String> planCommands = plan.path("run").asText().lines().map(String::strip).toList();
        assertThat(planCommands).containsExactly("terraform init -input=false",
                "terraform plan -input=false -out=tfplan",
                "terraform show -json tfplan > \"$GITHUB_WORKSPACE/plan.json\"");
        Map<String, String> options = options(scan.path("run").asText());
        assertThat(options).containsEntry("--terraform-plan", "plan.json").containsEntry("--source-root", ".")
                .containsEntry("--output", "plumb-reports");
        assertThat(options.get("--terraform-dir")).as("the module plan runs in").isEqualTo(plan.path("working-directory").asText());
        assertTerraformModule(options.get("--terraform-dir"));

        assertThat(sarif.path("with").path("sarif_file").asText()).isEqualTo(SARIF);
        assertThat(sarif.path("if").asText()).contains("hashFiles('" + SARIF + "')");
        assertThat(options.get("--sarif-category")).as("Plumb's category decides; the action's input must agree")
                .isNotBlank().isEqualTo(sarif.path("with").path("category").asText())
                .as("a category apart from the scheduled scan's")
                .isNotIn(YAML.readTree(CI.resolve("github-actions.yml").toFile()).findValuesAsText("category"));
        assertThat(junit.path("with").path("report_paths").asText()).isEqualTo(JUNIT);
        assertThat(artifact.path("with").path("path").asText()).isEqualTo("plumb-reports/");
    }

    @Test
    void gitlabTerraformGatePassesThePlanToTheScanAndKeepsTheJUnitReportAlways() throws Exception {
        JsonNode pipeline = YAML.readTree(CI.resolve("gitlab-ci-terraform-gate.yml").toFile());
        JsonNode plan = pipeline.path("terraform-plan");
        JsonNode gate = pipeline.path("plumb-terraform-gate");
        assertThat(gate.isObject()).as("job plumb-terraform-gate").isTrue();
        assertThat(list(pipeline.path("stages"))).extracting(JsonNode::asText)
                .containsExactly(plan.path("stage").asText(), gate.path("stage").asText());
        assertThat(list(gate.path("needs"))).extracting(JsonNode::asText).containsExactly("terraform-plan");

        List<String> planScript = list(plan.path("script")).stream().map(JsonNode::asText).toList();
        String command = list(gate.path("script")).stream().map(JsonNode::asText)
                .filter(line -> line.startsWith("./plumb scan")).findFirst().orElseThrow();
        Map<String, String> options = options(command);
        String dir = options.get("--terraform-dir");
        assertTerraformModule(dir);
        assertThat(planScript).containsExactly("terraform -chdir=" + dir + " init -input=false",
                "terraform -chdir=" + dir + " plan -input=false -out=tfplan",
                "terraform -chdir=" + dir + " show -json tfplan > " + options.get("--terraform-plan"));
        assertThat(list(plan.path("artifacts").path("paths"))).extracting(JsonNode::asText)
                .containsExactly(options.get("--terraform-plan"));
        assertThat(options).containsEntry("--source-root", ".").containsEntry("--output", "plumb-reports");

        JsonNode artifacts = gate.path("artifacts");
        assertThat(artifacts.path("when").asText()).isEqualTo("always");
        assertThat(artifacts.path("reports").path("junit").asText()).isEqualTo(JUNIT);
        assertThat(list(artifacts.path("paths"))).extracting(JsonNode::asText).containsExactly("plumb-reports/");
    }

    /** The options of a one-line {@code ./plumb scan} command, each with its value. */
    private static Map<String, String> options(String command) {
        String[] words = command.strip().split("\\s+");
        assertThat(List.of(words).subList(0, 2)).containsExactly("./plumb", "scan");
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 2; i < words.length; i += 2) {
            assertThat(words[i]).as("option in " + command).startsWith("--");
            assertThat(i + 1).as("value of " + words[i]).isLessThan(words.length);
            options.put(words[i], words[i + 1]);
        }
        return options;
    }

    /** A directory of the repository with .tf files: the module the gate judges. */
    private static void assertTerraformModule(String directory) throws java.io.IOException {
        Path module = Launcher.ROOT.resolve(directory);
        assertThat(module).isDirectory();
        try (Stream<Path> files = Files.list(module)) {
            assertThat(files.map(Path::toString)).as(".tf files in " + directory).anyMatch(name -> name.endsWith(".tf"));
        }
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
