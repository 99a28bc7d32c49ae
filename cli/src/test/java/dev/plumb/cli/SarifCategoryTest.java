package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.MotoServer;
import dev.plumb.testing.OrganizationFixtures;
import dev.plumb.testing.ScanReportFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF upload category must stay the same across runs of the same scan whatever accounts join
 * or leave: codeql-action only fills {@code automationDetails.id} when the file has none, and a
 * changed category leaves every open alert of the old one open.
 */
class SarifCategoryTest {

    private final MotoServer moto = MotoServer.shared();

    @TempDir
    Path work;

    @BeforeEach
    void reset() {
        moto.reset();
    }

    @Test
    void anOrganizationScanKeepsItsCategoryWhenAnAccountJoins() {
        OrganizationFixtures organization = new OrganizationFixtures(moto.endpoint()).createOrganization();
        organization.createAccount("first");
        String before = category("before", "--org");

        organization.createAccount("joined");
        String after = category("after", "--org");

        assertThat(before).matches("plumb/aws/org-o-[a-z0-9]{10,32}/");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void anAccountListKeepsItsCategoryWhenAnAccountIsAdded() {
        String before = category("before", "--accounts", "111111111111");
        String after = category("after", "--accounts", "111111111111,222222222222");

        assertThat(before).isEqualTo("plumb/aws/");
        assertThat(after).isEqualTo(before);
    }

    private String category(String directory, String... targets) {
        List<String> args = new ArrayList<>(List.of("scan", "--endpoint-url", moto.endpoint(), "--region",
                "us-east-1", "--quiet", "--role-name", "PlumbAudit"));
        args.addAll(List.of(targets));
        Cli result = Cli.run(work.resolve(directory), args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isIn(0, 1, 2);
        return new ScanReportFiles(work.resolve(directory)).sarif("plumb.sarif").path("runs").get(0)
                .path("automationDetails").path("id").asText();
    }
}
