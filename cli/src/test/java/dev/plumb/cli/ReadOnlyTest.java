package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Records every AWS operation a scan with all built-in rules makes and checks that each one
 * only reads, and that the README's least-privilege policy allows exactly what is needed.
 */
class ReadOnlyTest {

    private static final Pattern READ = Pattern.compile("[a-z0-9-]+:(Get|List|Describe)[A-Za-z]*");
    private static final Set<String> ALSO_ALLOWED = Set.of("sts:AssumeRole", "sts:GetCallerIdentity");
    private static final Path README = Path.of("..", "README.md");

    private final MotoServer moto = MotoServer.shared();

    @TempDir
    Path reports;

    @Test
    void aScanWithEveryBuiltInRuleOnlyCallsReadOperationsThatTheReadmePolicyAllows() throws Exception {
        moto.reset();
        try (IamClient iam = moto.iam("us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support");
        }
        List<String> operations;
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            Cli result = Cli.run(reports, "scan", "--endpoint-url", proxy.endpoint(), "--region", "us-east-1");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            operations = proxy.distinctOperations();
        }

        assertThat(operations).isNotEmpty().allSatisfy(operation -> assertThat(
                READ.matcher(operation).matches() || ALSO_ALLOWED.contains(operation))
                .as("%s is a read operation", operation).isTrue());
        assertThat(readmePolicyActions()).containsAll(operations);
    }

    /** The actions of the first JSON policy under the README's least-privilege heading. */
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
