package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/** The real command line, the real SDK clients, a real IAM API (moto) on loopback. */
class ScanAgainstMotoTest {

    private static final String ACCOUNT = MotoServer.DEFAULT_ACCOUNT;
    private static final String ROOT = "arn:aws:iam::" + ACCOUNT + ":root";

    private final MotoServer moto = MotoServer.shared();

    @TempDir
    Path reports;

    @BeforeEach
    void emptyAccount() {
        moto.reset();
    }

    @Test
    void aCompliantAccountPassesAndExitsZero() {
        try (IamClient iam = moto.iam("us-east-1")) {
            new IamFixtures(iam, "aws").role("unrelated").supportRole("aws-support");
        }

        Cli result = scan("--region", "us-east-1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JUnitXml.TestCase finding = result.junit().only();
        assertThat(finding.outcome()).isEqualTo("PASS");
        assertThat(finding.classname()).isEqualTo("plumb." + ACCOUNT + ".account_supportrole");
        assertThat(finding.name()).isEqualTo("account_supportrole [" + ACCOUNT + "] " + ROOT);
        assertThat(finding.output()).contains("aws-support");
        assertThat(result.out()).contains("PASS 1  FAIL 0  ERROR 0").contains("junit/TEST-plumb.xml");
        assertThat(result.err()).contains("account " + ACCOUNT);
    }

    @Test
    void anAccountWithoutRolesFails() {
        Cli result = scan("--region", "us-east-1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        JUnitXml report = result.junit();
        assertThat(report.failures()).isEqualTo(1);
        assertThat(report.only().message()).contains("Account " + ACCOUNT).contains("attached to no role");
        assertThat(result.out()).contains("FAIL  " + ACCOUNT + " account_supportrole");
    }

    @Test
    void thePolicyOnlyOnAUserAndAGroupFailsAndNamesThem() {
        try (IamClient iam = moto.iam("us-east-1")) {
            IamFixtures fixtures = new IamFixtures(iam, "aws");
            fixtures.role("other").userWithPolicy("alice", fixtures.supportPolicyArn())
                    .groupWithPolicy("oncall", fixtures.supportPolicyArn());
        }

        Cli result = scan("--region", "us-east-1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.junit().only().message()).contains("attached only to user alice and group oncall");
    }

    @Test
    void aCustomerPolicyNamedAwsSupportAccessDoesNotCount() {
        try (IamClient iam = moto.iam("us-east-1")) {
            IamFixtures fixtures = new IamFixtures(iam, "aws");
            String lookalike = fixtures.customerPolicy("AWSSupportAccess");
            assertThat(lookalike).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/AWSSupportAccess");
            fixtures.roleWithPolicy("looks-right", lookalike);
        }

        Cli result = scan("--region", "us-east-1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.junit().only().outcome()).isEqualTo("FAIL");
    }

    @Test
    void findsTheSupportRoleBehindThreeHundredOthers() {
        try (IamClient iam = moto.iam("us-east-1")) {
            IamFixtures fixtures = new IamFixtures(iam, "aws");
            IntStream.range(0, 300).forEach(i -> fixtures.role(String.format("app-%03d", i)));
            fixtures.supportRole("zz-support");
        }

        Cli result = scan("--region", "us-east-1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.junit().only().output()).contains("zz-support");
    }

    @Test
    void theChinaPartitionUsesItsOwnPolicyArn() {
        try (IamClient iam = moto.iam("cn-north-1")) {
            new IamFixtures(iam, "aws-cn").supportRole("aws-support");
        }

        Cli result = scan("--region", "cn-north-1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JUnitXml.TestCase finding = result.junit().only();
        assertThat(finding.name()).endsWith("arn:aws-cn:iam::" + ACCOUNT + ":root");
        assertThat(finding.output()).contains("arn:aws-cn:iam::aws:policy/AWSSupportAccess");
        assertThat(result.err()).contains("partition aws-cn");
    }

    @Test
    void theAwsPartitionPolicyDoesNotSatisfyAChinaAccount() {
        try (IamClient iam = moto.iam("us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support");
        }

        Cli result = scan("--region", "cn-north-1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    }

    @Test
    void choosingTheRuleByIdRunsIt() {
        Cli result = scan("--region", "us-east-1", "--rules", "account_supportrole");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.junit().tests()).isEqualTo(1);
    }

    @Test
    void anUnknownRuleIdIsOneLineAndExitThreeWithoutReports() {
        Cli result = scan("--region", "us-east-1", "--rules", "account_supportrole,no_such_rule");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("unknown rule id 'no_such_rule'");
        assertThat(reports.resolve("junit")).doesNotExist();
    }

    @Test
    void anUnknownOptionIsOneLineAndExitThree() {
        Cli result = scan("--no-such-option");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("Unknown option: '--no-such-option'")
                .contains("plumb scan --help");
    }

    @Test
    void anUnreachableEndpointIsOneLineAndExitThree() {
        Cli result = Cli.run(reports, "scan", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1",
                "--call-timeout", "5");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("cannot reach AWS STS at http://127.0.0.1:9");
    }

    @Test
    void anInvalidRegionIsOneLineAndExitThree() {
        Cli result = scan("--region", "moon-base-1a");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("invalid region 'moon-base-1a'");
    }

    @Test
    void anOutputPathThatIsAFileIsRefused() throws Exception {
        Path file = java.nio.file.Files.writeString(reports.resolve("taken"), "not a directory");

        Cli result = Cli.run(file, "scan", "--endpoint-url", moto.endpoint(), "--region", "us-east-1");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("is a file");
        assertThat(file).hasContent("not a directory");
    }

    private Cli scan(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "scan";
        all[1] = "--endpoint-url";
        all[2] = moto.endpoint();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(reports, all);
    }
}
