package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external id of an assume-role scan is a secret: it reaches neither a report (JUnit XML copies
 * the JVM's command line into its properties), nor the progress and summary, nor an error message,
 * even when the role cannot be assumed.
 */
class ExternalIdSecrecyTest {

    private static final String EXTERNAL_ID = "ext-4f9c2d1a-secret";

    @TempDir
    Path dir;

    @Test
    void theExternalIdIsNowhereInTheOutputOrTheReports() throws Exception {
        MotoServer moto = MotoServer.shared();
        moto.reset();
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())
                .injectFor("222222222222", "sts:AssumeRole", FaultProxy.ALWAYS, FaultProxy.accessDenied())) {
            Path out = dir.resolve("reports");
            ChildCli result = ChildCli.run(dir, Map.of("AWS_ACCESS_KEY_ID", "testing",
                            "AWS_SECRET_ACCESS_KEY", "testing"), List.of(),
                    "scan", "--endpoint-url", proxy.endpoint(), "--region", "us-east-1",
                    "--accounts", "111111111111,222222222222", "--role-name", "PlumbAudit",
                    "--external-id", EXTERNAL_ID, "--sarif-full", "--debug", "--output", out.toString());

            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
            assertThat(proxy.calls()).filteredOn(call -> call.operation().equals("sts:AssumeRole"))
                    .as("the external id was sent to AWS").allSatisfy(call ->
                            assertThat(call.parameters()).containsEntry("ExternalId", EXTERNAL_ID));
            JUnitXml report = JUnitXml.parse(out.resolve("junit/TEST-plumb.xml")).assertConsistent();
            assertThat(report.errors()).isEqualTo(1);
            assertThat(result.out()).doesNotContain(EXTERNAL_ID);
            assertThat(result.err()).doesNotContain(EXTERNAL_ID);
            try (Stream<Path> files = Files.walk(out)) {
                List<Path> reports = files.filter(Files::isRegularFile).toList();
                assertThat(reports).isNotEmpty();
                for (Path file : reports) {
                    assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
                            .doesNotContain(EXTERNAL_ID);
                }
            }
        }
    }
}
