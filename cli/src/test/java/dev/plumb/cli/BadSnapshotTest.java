package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot Plumb cannot use: one line naming the file and the problem, exit 3, no reports. */
class BadSnapshotTest {

    private static final Path COMPLIANT = Path.of("..", "samples", "snapshots", "compliant.json").toAbsolutePath()
            .normalize();

    private static final String ROLE_A = "{\"RoleName\": \"a\", \"Arn\": \"arn:aws:iam::111122223333:role/a\"}";
    private static final String SUPPORT_ROLE = "{\"RoleName\": \"aws-support\", \"Arn\":"
            + " \"arn:aws:iam::111122223333:role/aws-support\", \"AttachedManagedPolicies\": [{\"PolicyName\":"
            + " \"AWSSupportAccess\", \"PolicyArn\": \"arn:aws:iam::aws:policy/AWSSupportAccess\"}]}";

    @TempDir
    Path dir;

    @Test
    void notJson() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.json"), "UserDetailList: none\n");

        assertRefused(scan(file), file, "is not valid JSON at line 1");
    }

    @Test
    void jsonOfAnotherShape() throws Exception {
        Path file = Files.writeString(dir.resolve("roles.json"), "{\"Roles\": [{\"RoleName\": \"a\"}]}");

        assertRefused(scan(file), file, "is JSON but has none of UserDetailList, GroupDetailList, RoleDetailList, Policies");
    }

    @Test
    void jsonThatIsNotAnObject() throws Exception {
        Path file = Files.writeString(dir.resolve("list.json"), "[{\"RoleName\": \"a\"}]");

        assertRefused(scan(file), file, "is JSON but not an object");
    }

    @Test
    void aSectionThatIsNotAList() throws Exception {
        Path file = Files.writeString(dir.resolve("section.json"), "{\"RoleDetailList\": {\"RoleName\": \"a\"}}");

        assertRefused(scan(file), file, "has a RoleDetailList that is not a list");
    }

    @Test
    void anEntryOfTheWrongShape() throws Exception {
        Path file = Files.writeString(dir.resolve("entry.json"),
                "{\"RoleDetailList\": [{\"RoleName\": \"a\", \"Arn\": \"arn:aws:iam::111122223333:role/a\","
                        + " \"AttachedManagedPolicies\": \"AWSSupportAccess\"}]}");

        assertRefused(scan(file), file, "does not have the shape of get-account-authorization-details");
    }

    @Test
    void anEntryWithoutItsName() throws Exception {
        Path file = Files.writeString(dir.resolve("nameless.json"),
                "{\"RoleDetailList\": [{\"Arn\": \"arn:aws:iam::111122223333:role/a\"}]}");

        assertRefused(scan(file), file, "has an entry in RoleDetailList without RoleName (entry 1)");
    }

    @Test
    void aTruncatedFile() throws Exception {
        String whole = Files.readString(COMPLIANT);
        Path file = Files.writeString(dir.resolve("cut.json"), whole.substring(0, whole.length() / 2));

        assertRefused(scan(file), file, "is truncated");
    }

    @Test
    void aDirectory() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("snapshots"));

        assertRefused(scan(directory), directory, "is a directory");
    }

    @Test
    void anEmptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.json"));

        assertRefused(scan(file), file, "is empty");
    }

    @Test
    void aFileOfOnlyWhitespace() throws Exception {
        Path file = Files.writeString(dir.resolve("blank.json"), " \n\n");

        assertRefused(scan(file), file, "is empty");
    }

    @Test
    void aMissingFile() {
        Path file = dir.resolve("no-such.json");

        assertRefused(scan(file), file, "does not exist");
    }

    @Test
    void aSnapshotThatMixesAccounts() throws Exception {
        Path file = Files.writeString(dir.resolve("mixed.json"), "{\"RoleDetailList\": ["
                + "{\"RoleName\": \"a\", \"Arn\": \"arn:aws:iam::111122223333:role/a\"},"
                + "{\"RoleName\": \"b\", \"Arn\": \"arn:aws:iam::444455556666:role/b\"}]}");

        assertRefused(scan(file), file, "mixes accounts [111122223333, 444455556666]");
    }

    @Test
    void oneBadFileAmongGoodOnesStopsTheScanAndLeavesEarlierReportsAsTheyWere() throws Exception {
        Cli earlier = Cli.run(dir.resolve("reports"), "scan", "--snapshot", COMPLIANT.toString());
        Path report = dir.resolve("reports/junit/TEST-plumb.xml");
        assertThat(earlier.exitCode()).as(earlier.toString()).isZero();
        String before = Files.readString(report);
        Path bad = Files.writeString(dir.resolve("bad.json"), "{");

        Cli result = Cli.run(dir.resolve("reports"), "scan", "--snapshot", COMPLIANT.toString(), "--snapshot",
                bad.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains(bad.toString());
        assertThat(report).hasContent(before);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void twoSnapshotsOfTheSameAccountAreRefused() {
        Cli result = scan(COMPLIANT, COMPLIANT);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("are both of account 210987654321");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aCaptureCutShortByPagingIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("first-page.json"), "{\"RoleDetailList\": [" + ROLE_A + "],"
                + " \"IsTruncated\": true, \"Marker\": \"AAEAAbcde\"}");

        assertRefused(scan(file), file, "is incomplete: IsTruncated is true");
    }

    @Test
    void aCaptureCutShortByTheAwsCliMaxItemsIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("max-items.json"), "{\"RoleDetailList\": [" + ROLE_A + "],"
                + " \"NextToken\": \"eyJNYXJrZXIiOiBudWxsfQ==\"}");

        assertRefused(scan(file), file, "is incomplete: it holds NextToken");
    }

    @Test
    void aSectionTwiceIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("twice.json"), "{\"RoleDetailList\": [" + SUPPORT_ROLE + "],"
                + " \"RoleDetailList\": [" + ROLE_A + "]}");

        assertRefused(scan(file), file, "has the key \"RoleDetailList\" twice");
    }

    @Test
    void aKeyTwiceInOneEntryIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("arn-twice.json"), "{\"RoleDetailList\": [{\"RoleName\": \"a\","
                + " \"Arn\": \"arn:aws:iam::111122223333:role/a\", \"Arn\": \"arn:aws:iam::444455556666:role/a\"}]}");

        assertRefused(scan(file), file, "has the key \"Arn\" twice");
    }

    @Test
    void anArnWithAnInvalidPartitionIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("partition.json"),
                "{\"RoleDetailList\": [{\"RoleName\": \"a\", \"Arn\": \"arn:AWS:iam::111122223333:role/a\"}]}");

        assertRefused(scan(file), file, "holds an ARN with an invalid partition 'AWS'");
    }

    @Test
    void aNullEntryInAListIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("null.json"), "{\"RoleDetailList\": [" + ROLE_A + ", null]}");

        Cli result = scan(file);

        assertRefused(result, file, "does not have the shape of get-account-authorization-details: has RoleDetailList[1] of the wrong type: expected an object, found null");
        assertThat(result.err()).doesNotContain("Exception");
    }

    @Test
    void aNullAttachedPolicyIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("null-policy.json"), "{\"RoleDetailList\": [{\"RoleName\": \"a\","
                + " \"Arn\": \"arn:aws:iam::111122223333:role/a\", \"AttachedManagedPolicies\": [null]}]}");

        assertRefused(scan(file), file,
                "does not have the shape of get-account-authorization-details:"
                + " has RoleDetailList[0].AttachedManagedPolicies[0] of the wrong type: expected an object, found null");
    }

    /** The shape of the example in the AWS CLI's documentation, where one group's policies are an object. */
    @Test
    void anEntryWhosePoliciesAreAnObjectNamesTheJsonPath() throws Exception {
        Path file = Files.writeString(dir.resolve("documented.json"), """
                {"RoleDetailList": [%s],
                 "GroupDetailList": [{"GroupName": "Admins", "Arn": "arn:aws:iam::111122223333:group/Admins",
                   "AttachedManagedPolicies": {"PolicyName": "AdministratorAccess",
                     "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}}],
                 "UserDetailList": [], "Policies": []}
                """.formatted(ROLE_A));

        Cli result = scan(file);

        assertRefused(result, file,
                "does not have the shape of get-account-authorization-details:"
                + " has GroupDetailList[0].AttachedManagedPolicies of the wrong type: expected a list, found an object");
        assertThat(result.err()).doesNotContain("dev.plumb").doesNotContain("java.util");
    }

    @Test
    void aCaptureWithoutRolesSkipsTheRuleThatNeedsThem() throws Exception {
        Path file = Files.writeString(dir.resolve("users-and-groups.json"), """
                {"UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice",
                   "AttachedManagedPolicies": [{"PolicyName": "AWSSupportAccess",
                     "PolicyArn": "arn:aws:iam::aws:policy/AWSSupportAccess"}]}],
                 "GroupDetailList": []}
                """);

        Cli result = scan(file);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        var finding = result.junit().only();
        assertThat(finding.outcome()).isEqualTo("SKIPPED");
        assertThat(finding.message()).contains(file.toString()).contains("RoleDetailList");
    }

    @Test
    void aSnapshotIsScannedAsItWasReadWhenTheFileChangesDuringTheScan() throws Exception {
        String otherLists = "\"UserDetailList\": [], \"GroupDetailList\": [], \"Policies\": [], ";
        Path first = Files.writeString(dir.resolve("first.json"), "{" + otherLists + "\"RoleDetailList\": [" + ROLE_A
                + "]}");
        Path second = Files.writeString(dir.resolve("second.json"), "{" + otherLists + "\"RoleDetailList\": [{\"RoleName\":"
                + " \"aws-support\", \"Arn\": \"arn:aws:iam::999988887777:role/aws-support\", \"AttachedManagedPolicies\":"
                + " [{\"PolicyName\": \"AWSSupportAccess\", \"PolicyArn\": \"arn:aws:iam::aws:policy/AWSSupportAccess\"}]}]}");
        Path plugins = dir.resolve("plugins");
        PluginJars.build("rewriter", plugins, "rewriter.jar");
        System.setProperty("plumb.test.rewrite", second.toString());
        Cli result;
        try {
            result = Cli.run(dir.resolve("reports"), "scan", "--snapshot", first.toString(), "--snapshot",
                    second.toString(), "--plugins", plugins.toString(), "--parallelism", "1");
        } finally {
            System.clearProperty("plumb.test.rewrite");
        }

        assertThat(Files.readString(second)).as("the rule rewrote the file").contains("arn:AWS:iam");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        var cases = result.junit().cases();
        assertThat(cases).extracting(c -> c.classname() + " " + c.outcome()).containsExactlyInAnyOrder(
                "plumb.111122223333.account_supportrole FAIL", "plumb.111122223333.plugin_rewrites_snapshot PASS",
                "plumb.999988887777.account_supportrole PASS", "plumb.999988887777.plugin_rewrites_snapshot PASS");
    }

    private Cli scan(Path... snapshots) {
        String[] args = new String[1 + 2 * snapshots.length];
        args[0] = "scan";
        for (int i = 0; i < snapshots.length; i++) {
            args[1 + 2 * i] = "--snapshot";
            args[2 + 2 * i] = snapshots[i].toString();
        }
        return Cli.run(dir.resolve("reports"), args);
    }

    private void assertRefused(Cli result, Path file, String problem) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        String line = result.err().strip();
        assertThat(line).as(result.toString()).doesNotContain("\n")
                .startsWith("plumb: snapshot " + file + " " + problem).contains("plumb snapshot --output");
        assertThat(result.out()).isEmpty();
        assertThat(dir.resolve("reports")).doesNotExist();
    }
}
