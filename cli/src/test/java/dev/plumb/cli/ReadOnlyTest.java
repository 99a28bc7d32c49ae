package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.MotoServer;
import dev.plumb.testing.OrganizationFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Records every AWS operation that Plumb's commands make, with every built-in rule, and checks
 * that each one only reads and that the README's least-privilege policy allows exactly that.
 */
class ReadOnlyTest {

    private static final Pattern READ = Pattern.compile("[a-z0-9-]+:(Get|List|Describe)[A-Za-z]*");
    private static final Set<String> ALSO_ALLOWED = Set.of("sts:AssumeRole", "sts:GetCallerIdentity");
    private static final Path README = Path.of("..", "README.md");

    private final MotoServer moto = MotoServer.shared();
    private FaultProxy proxy;

    @TempDir
    Path dir;

    @BeforeEach
    void recordThroughAProxy() {
        moto.reset();
        try (IamClient iam = moto.iam("us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support");
        }
        proxy = new FaultProxy(moto.endpoint());
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void scanningTheCallersAccountOnlyReads() throws Exception {
        run("scan", "--region", "us-east-1", "--output", dir.resolve("reports").toString());

        assertReadOnlyAndAllowed(proxy.distinctOperations(), "sts:GetCallerIdentity", "iam:ListEntitiesForPolicy");
    }

    @Test
    void scanningAccountsThroughAssumedRolesOnlyReads() throws Exception {
        run("scan", "--region", "us-east-1", "--accounts", "111111111111,222222222222", "--role-name", "PlumbAudit",
                "--output", dir.resolve("reports").toString());

        assertReadOnlyAndAllowed(proxy.distinctOperations(), "sts:AssumeRole", "iam:ListEntitiesForPolicy");
    }

    @Test
    void scanningAnOrganizationOnlyReads() throws Exception {
        OrganizationFixtures organization = new OrganizationFixtures(moto.endpoint()).createOrganization();
        organization.createAccount("member");

        run("scan", "--region", "us-east-1", "--org", "--role-name", "PlumbAudit",
                "--output", dir.resolve("reports").toString());

        assertReadOnlyAndAllowed(proxy.distinctOperations(), "organizations:ListAccounts", "sts:AssumeRole");
    }

    @Test
    void capturingASnapshotOnlyReads() throws Exception {
        run("snapshot", "--region", "us-east-1", "--output", dir.resolve("snapshot.json").toString());

        assertReadOnlyAndAllowed(proxy.distinctOperations(), "iam:GetAccountAuthorizationDetails");
    }

    private void run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--endpoint-url", proxy.endpoint(), "--quiet"));
        all.addAll(List.of(args));
        Cli result = Cli.run(null, all.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isIn(0, 1);
    }

    private static void assertReadOnlyAndAllowed(List<String> operations, String... expected) throws Exception {
        assertThat(operations).contains(expected);
        assertThat(operations).allSatisfy(operation -> assertThat(
                READ.matcher(operation).matches() || ALSO_ALLOWED.contains(operation))
                .as("%s is a read operation", operation).isTrue());
        assertThat(readmePolicyActions()).as("the README's least-privilege policy").containsAll(operations);
    }

    /** The actions of the JSON policy under the README's least-privilege heading. */
    static Set<String> readmePolicyActions() throws Exception {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Least-privilege IAM policy");
        assertThat(section).as("README has a least-privilege section").isNotNegative();
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(section));
        assertThat(block.find()).as("the section has a JSON policy").isTrue();
        JsonNode policy = new ObjectMapper().readTree(block.group(1));
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            JsonNode action = statement.get("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }
        return actions;
    }
}
