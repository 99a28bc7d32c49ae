package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.reporting.SarifFileListener;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The SARIF file of a scan run by any launcher, switched on by {@value SarifFileListener#FILE}. */
class SarifFileListenerTest {

    private static final Path FAILING = Path.of("../samples/snapshots/support-on-user-only.json").toAbsolutePath();

    @TempDir
    Path work;

    private static void scan(Map<String, String> parameters) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectFile(FAILING.toFile()))
                .configurationParameters(parameters)
                .enableImplicitConfigurationParameters(false)
                .build();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                        .enablePostDiscoveryFilterAutoRegistration(false).build())
                .execute(request, new SarifFileListener());
    }

    @Test
    void isRegisteredForEveryLauncher() {
        assertThat(ServiceLoader.load(TestExecutionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(SarifFileListener.class);
    }

    @Test
    void theKeyWritesTheFailsOfTheScanAsSarif() throws Exception {
        Path file = work.resolve("out/plumb.sarif");

        scan(Map.of(SarifFileListener.FILE, file.toString(), SarifFileListener.CATEGORY, "accounts/prod"));

        JsonNode run = new ObjectMapper().readTree(file.toFile()).path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("Plumb");
        assertThat(run.path("automationDetails").path("id").asText()).isEqualTo("accounts/prod/");
        assertThat(run.path("results")).singleElement().satisfies(result -> {
            assertThat(result.path("ruleId").asText()).isEqualTo("account_supportrole");
            assertThat(result.path("message").path("text").asText()).contains("345678901234");
        });
    }

    @Test
    void withoutTheKeyItWritesNothing() {
        scan(Map.of());

        assertThat(Path.of("plumb.sarif")).doesNotExist();
        assertThat(Path.of("null")).doesNotExist();
    }
}
