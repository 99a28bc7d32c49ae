package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import dev.plumb.testing.OrganizationFixtures;
import dev.plumb.testing.ScanReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Many accounts through an assumed role, against moto behind a {@link FaultProxy}: the proxy
 * refuses AssumeRole for chosen accounts (moto does not check trust policies), throttles or slows
 * calls, and counts the calls each account costs.
 */
class MultiAccountScanTest {

    private static final String ROLE = "PlumbAudit";
    private static final String RULE = "account_supportrole";

    private final MotoServer moto = MotoServer.shared();
    private FaultProxy proxy;

    @TempDir
    Path work;

    @BeforeEach
    void start() {
        moto.reset();
        proxy = new FaultProxy(moto.endpoint());
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    /** 20 accounts: every third compliant, the others failing, one whose role cannot be assumed. */
    @Test
    void twentyAccountsFromAFileAreEachReportedOnTheirOwn() throws IOException {
        List<String> ids = IntStream.rangeClosed(1, 20).mapToObj(n -> String.format("2000000000%02d", n)).toList();
        String refused = ids.get(12);
        for (int n = 0; n < ids.size(); n++) {
            if (n % 3 == 2) {
                withIam(ids.get(n), fixtures -> fixtures.role("app").supportRole("support"));
            } else if (n % 3 == 1) {
                withIam(ids.get(n), fixtures -> fixtures.userWithPolicy("alice", fixtures.supportPolicyArn()));
            }
        }
        refuseAssumeRole(refused);
        Path file = Files.writeString(work.resolve("accounts.txt"), "# production accounts\n\n"
                + String.join("\n", reversed(ids)) + "\n" + ids.get(0) + "   # listed twice\n");

        Cli result = scan("--accounts-file", file.toString(), "--role-name", ROLE, "--parallelism", "6");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        JUnitXml report = result.junit();
        assertThat(report.cases()).hasSize(20);
        assertThat(report.cases()).extracting(JUnitXml.TestCase::classname)
                .containsExactlyElementsOf(ids.stream().map(id -> "plumb." + id + "." + RULE).toList());
        Map<String, JUnitXml.TestCase> byAccount = report.cases().stream()
                .collect(Collectors.toMap(c -> c.classname().split("\\.")[1], Function.identity()));
        for (int n = 0; n < ids.size(); n++) {
            String id = ids.get(n);
            JUnitXml.TestCase finding = byAccount.get(id);
            assertThat(finding.name()).isEqualTo(RULE + " [" + id + "] arn:aws:iam::" + id + ":root");
            if (id.equals(refused)) {
                assertThat(finding.outcome()).isEqualTo("ERROR");
                assertThat(finding.message()).contains("cannot assume role arn:aws:iam::" + id + ":role/" + ROLE)
                        .contains("AccessDenied").contains("trusts the scanning identity");
            } else {
                assertThat(finding.outcome()).as(id).isEqualTo(n % 3 == 2 ? "PASS" : "FAIL");
            }
        }
        assertThat(report.count("PASS")).isEqualTo(6);
        assertThat(report.count("FAIL")).isEqualTo(13);
        assertThat(result.err()).contains("scanning 20 accounts").contains("6 at a time")
                .contains("[20/20] account ");
        assertThat(result.err().lines().filter(line -> line.matches("plumb: \\[\\d+/20] account \\d{12}:.*")))
                .hasSize(20);
        for (String id : ids) {
            assertThat(proxy.count("sts:AssumeRole", id)).as("AssumeRole calls for " + id).isEqualTo(1);
            assertThat(proxy.count("iam:ListEntitiesForPolicy", id)).as("IAM calls for " + id)
                    .isEqualTo(id.equals(refused) ? 0 : 1);
        }
        assertThat(proxy.calls()).filteredOn(call -> call.operation().equals("sts:AssumeRole"))
                .allSatisfy(call -> assertThat(call.parameters()).containsEntry("RoleArn",
                        "arn:aws:iam::" + call.accountId() + ":role/" + ROLE));
    }

    @Test
    void reportsDoNotDependOnParallelismOrTiming() throws IOException {
        List<String> ids = IntStream.rangeClosed(1, 12).mapToObj(n -> String.format("3000000000%02d", n)).toList();
        for (int n = 0; n < ids.size(); n += 2) {
            withIam(ids.get(n), fixtures -> fixtures.supportRole("support"));
        }
        refuseAssumeRole(ids.get(5));
        String accounts = String.join(",", reversed(ids));

        String first = normalized(scanInto("first", "--accounts", accounts, "--role-name", ROLE, "--parallelism", "8",
                "--sarif-full"));
        String second = normalized(scanInto("second", "--accounts", accounts, "--role-name", ROLE, "--parallelism", "8",
                "--sarif-full"));
        String sequential = normalized(scanInto("sequential", "--accounts", accounts, "--role-name", ROLE,
                "--parallelism", "1", "--sarif-full"));

        assertThat(first).contains("classname=\"plumb." + ids.get(0) + "." + RULE + "\"").contains("<error");
        assertThat(second).isEqualTo(first);
        assertThat(sequential).isEqualTo(first);
        for (String run : List.of("first", "second", "sequential")) {
            ScanReportFiles reports = new ScanReportFiles(work.resolve(run));
            reports.assertFormatsAgree();
            assertThat(reports.junitOutcomes()).hasSize(12);
            assertThat(withoutScanId(work.resolve(run).resolve("plumb.sarif")))
                    .as("the GitHub-ready SARIF of run " + run)
                    .isEqualTo(withoutScanId(work.resolve("first").resolve("plumb.sarif")));
            assertThat(withoutScanId(work.resolve(run).resolve("plumb-full.sarif.json")))
                    .isEqualTo(withoutScanId(work.resolve("first").resolve("plumb-full.sarif.json")));
        }
    }

    @Test
    void orgScansEveryActiveAccountOfTheOrganization() {
        OrganizationFixtures organization = new OrganizationFixtures(moto.endpoint()).createOrganization();
        String compliant = organization.createAccount("compliant");
        String failing = organization.createAccount("failing");
        String closed = organization.createAccount("closed");
        organization.closeAccount(closed);
        withIam(compliant, fixtures -> fixtures.supportRole("support"));
        withIam(MotoServer.DEFAULT_ACCOUNT, fixtures -> fixtures.supportRole("support"));

        Cli result = scan("--org", "--role-name", ROLE);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        Map<String, String> outcomes = result.junit().cases().stream()
                .collect(Collectors.toMap(c -> c.classname().split("\\.")[1], JUnitXml.TestCase::outcome));
        assertThat(outcomes).containsOnly(Map.entry(compliant, "PASS"), Map.entry(failing, "FAIL"),
                Map.entry(MotoServer.DEFAULT_ACCOUNT, "PASS"));
        assertThat(proxy.operations()).contains("organizations:ListAccounts");
        assertThat(proxy.count("sts:AssumeRole", closed)).isZero();
    }

    @Test
    void orgWithoutAnOrganizationIsOneLineAndExitThree() {
        Cli result = scan("--org", "--role-name", ROLE);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("plumb: ");
        assertThat(work.resolve("reports/junit")).doesNotExist();
    }

    @Test
    void aThrottledAccountIsAnErrorThatNamesTheThrottling() {
        String calm = "400000000001";
        String throttled = "400000000002";
        withIam(calm, fixtures -> fixtures.supportRole("support"));
        withIam(throttled, fixtures -> fixtures.supportRole("support"));
        proxy.injectFor(throttled, "iam:ListEntitiesForPolicy", FaultProxy.ALWAYS, FaultProxy.throttling());

        Cli result = scan("--accounts", calm + "," + throttled, "--role-name", ROLE);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        List<JUnitXml.TestCase> cases = result.junit().cases();
        assertThat(cases).extracting(JUnitXml.TestCase::outcome).containsExactly("PASS", "ERROR");
        assertThat(cases.get(1).message()).contains("Throttling").contains("still throttled after retries")
                .contains("--parallelism");
        assertThat(proxy.count("iam:ListEntitiesForPolicy", throttled)).as("attempts").isEqualTo(5);
    }

    @Test
    void aSlowAssumeRoleIsStoppedByTheCallTimeout() {
        String slow = "500000000003";
        withIam(slow, fixtures -> fixtures.supportRole("support"));
        delay(slow, Duration.ofSeconds(3));

        Cli result = scan("--accounts", slow, "--role-name", ROLE, "--call-timeout", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.junit().only().message()).contains("cannot assume role").contains("Timeout")
                .contains("1000 millis").contains("--call-timeout");
    }

    @Test
    void theRegionDecidesThePartitionOfTheAssumedRoles() {
        String account = "600000000001";
        try (IamClient iam = moto.iamIn(account, "cn-north-1")) {
            new IamFixtures(iam, "aws-cn").supportRole("support");
        }

        Cli result = scan("--accounts", account, "--role-name", ROLE, "--region", "cn-north-1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.junit().only().name()).endsWith("arn:aws-cn:iam::" + account + ":root");
        assertThat(proxy.calls()).filteredOn(call -> call.operation().equals("sts:AssumeRole"))
                .extracting(call -> call.parameters().get("RoleArn"))
                .containsExactly("arn:aws-cn:iam::" + account + ":role/" + ROLE);
    }

    @Test
    void badTargetOptionsAreOneLineAndExitThree() throws IOException {
        Path junk = Files.writeString(work.resolve("junk.txt"), "200000000001\n# fine\n20000000000x\n");
        Path snapshot = work.resolve("snap.json");
        Map<List<String>, String> cases = Map.of(
                List.of("--accounts-file", junk.toString(), "--role-name", ROLE), junk + ":3: '20000000000x' is not an AWS account id",
                List.of("--accounts", "1234", "--role-name", ROLE), "--accounts: '1234' is not an AWS account id",
                List.of("--accounts", "200000000001"), "need --role-name NAME",
                List.of("--role-name", ROLE), "--role-name and --external-id need targets",
                List.of("--org", "--accounts", "200000000001", "--role-name", ROLE), "cannot be combined with --accounts",
                List.of("--snapshot", snapshot.toString(), "--org", "--role-name", ROLE), "--snapshot scans offline",
                List.of("--accounts", "200000000001", "--role-name", "bad name"), "is not an IAM role name",
                List.of("--accounts", "200000000001", "--role-name", ROLE, "--parallelism", "0"), "--parallelism must be",
                List.of("--accounts-file", work.resolve("missing.txt").toString(), "--role-name", ROLE), "does not exist");
        cases.forEach((args, expected) -> {
            Cli result = scan(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(args + "\n" + result).isEqualTo(3);
            assertThat(result.err().strip()).as(args.toString()).doesNotContain("\n").contains(expected);
        });
        assertThat(proxy.calls()).as("no AWS call before the options are checked").isEmpty();
        assertThat(work.resolve("reports/junit")).doesNotExist();
    }

    /** sts:AssumeRole into the account is refused, as by a trust policy that does not trust the caller. */
    private void refuseAssumeRole(String accountId) {
        proxy.injectFor(accountId, "sts:AssumeRole", FaultProxy.ALWAYS, FaultProxy.accessDenied());
    }

    /** Every call made for the account (its AssumeRole too) is answered this much later. */
    private void delay(String accountId, Duration delay) {
        proxy.inject(call -> accountId.equals(call.accountId()), FaultProxy.ALWAYS, FaultProxy.answerAfter(delay));
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private void withIam(String accountId, java.util.function.Consumer<IamFixtures> build) {
        try (IamClient iam = moto.iamIn(accountId, "us-east-1")) {
            build.accept(new IamFixtures(iam, "aws"));
        }
    }

    private Cli scan(String... args) {
        return scanInto("reports", args);
    }

    private Cli scanInto(String directory, String... args) {
        List<String> all = new ArrayList<>(List.of("scan", "--endpoint-url", proxy.endpoint()));
        if (!List.of(args).contains("--region")) {
            all.addAll(List.of("--region", "us-east-1"));
        }
        all.addAll(List.of(args));
        return Cli.run(work.resolve(directory), all.toArray(String[]::new));
    }

    /** The SARIF file without the scan id, which differs from scan to scan by design. */
    private static String withoutScanId(Path sarif) throws IOException {
        return Files.readString(sarif).replaceAll("\"guid\" : \"[^\"]*\"", "\"guid\" : \"\"");
    }

    /** The JUnit XML without what differs between any two runs: times, the scan id. */
    private static String normalized(Cli result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        try {
            return Files.readString(result.output().resolve("junit/TEST-plumb.xml"))
                    .replaceAll(" (time|timestamp|hostname)=\"[^\"]*\"", " $1=\"\"")
                    .replaceAll("\\(timestamp: [^)]*\\)", "(timestamp: )")
                    .replaceAll("name=\"plumb.scanId\" value=\"[^\"]*\"", "name=\"plumb.scanId\" value=\"\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
