package dev.plumb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.plumb.engine.snapshot.SnapshotFiles;
import dev.plumb.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;

class PlumbEngineKeysTest {

    private static final String ENGINE = "[engine:" + PlumbTestEngine.ENGINE_ID + "]";

    private static PlumbTestEngine engine() {
        return new PlumbTestEngine(RuleCatalog.of(List.of(new FindingVerdictTest.TestPack())), List.of(),
                new ScanCancellation());
    }

    @Test
    void withoutASelectorOfPlumbDiscoveryIsEmptyWhateverTheKeysSay() {
        TestDescriptor root = EngineTestKit.engine(engine())
                .selectors(selectClass(String.class))
                .configurationParameters(Map.of(PlumbEngineKeys.PARALLELISM, "0", PlumbEngineKeys.ACCOUNTS, "x"))
                .discover().getEngineDescriptor();

        assertThat(root.getChildren()).isEmpty();
    }

    @Test
    void aBadValueIsOneLineNamingTheKey() {
        assertThatThrownBy(() -> ScanSettings.from(new SuppressionTest.MapParameters(
                Map.of(PlumbEngineKeys.PARALLELISM, "0")), Map.of()))
                .isInstanceOf(PlumbConfigurationException.class)
                .hasMessage("plumb.parallelism must be between 1 and 256, not 0.");
        assertThatThrownBy(() -> ScanSettings.from(new SuppressionTest.MapParameters(
                Map.of(PlumbEngineKeys.ACCOUNTS, "111111111111")), Map.of()))
                .hasMessageStartingWith("plumb.accounts, plumb.accountsFile and plumb.org need plumb.roleName");
        assertThatThrownBy(() -> ScanSettings.from(new SuppressionTest.MapParameters(
                Map.of(PlumbEngineKeys.RULE_TIMEOUT, "soon")), Map.of()))
                .hasMessage("plumb.ruleTimeout must be a whole number, not 'soon'.");
        assertThatThrownBy(() -> ScanSettings.from(new SuppressionTest.MapParameters(
                Map.of(PlumbEngineKeys.MIN_SEVERITY, "severe")), Map.of()))
                .hasMessageStartingWith("plumb.minSeverity 'severe' is not a severity");
    }

    @Test
    void aBadValueFailsDiscoveryWithThatLine() {
        assertThatThrownBy(() -> EngineTestKit.engine(engine())
                .selectors(selectUniqueId(ENGINE))
                .configurationParameters(Map.of(PlumbEngineKeys.ROLE_NAME, "audit"))
                .execute())
                .rootCause().isInstanceOf(PlumbConfigurationException.class)
                .hasMessage("plumb.roleName and plumb.externalId need targets: set plumb.accounts, plumb.accountsFile "
                        + "or plumb.org.");
    }

    @Test
    void anUnknownRuleIsOneLine(@TempDir Path work) throws Exception {
        Path snapshot = snapshot(work, "123456789012");
        assertThatThrownBy(() -> ScanPlanner.plan(ScanSettings.from(new SuppressionTest.MapParameters(Map.of(
                        PlumbEngineKeys.SNAPSHOTS, snapshot.toString(), PlumbEngineKeys.RULES, "no_such_rule")),
                        Map.of()), List.of(), RuleCatalog.of(List.of(new FindingVerdictTest.TestPack())),
                new SnapshotFiles(), new Secrets(), List.of()))
                .isInstanceOf(PlumbConfigurationException.class)
                .hasMessageStartingWith("unknown rule id 'no_such_rule' in plumb.rules. Known rules: ");
    }

    @Test
    void snapshotsAccountsAndRulesComeFromPlainKeys(@TempDir Path work) throws Exception {
        Path first = snapshot(work, "111111111111");
        Path second = snapshot(work, "222222222222");

        var results = EngineTestKit.engine(engine())
                .selectors(selectUniqueId(ENGINE))
                .configurationParameters(Map.of(PlumbEngineKeys.SNAPSHOTS, first + "," + second,
                        PlumbEngineKeys.RULES, "test_same_*"))
                .execute();

        results.containerEvents().assertStatistics(stats -> stats.started(5).failed(0));
        assertThat(results.containerEvents().started().stream().map(e -> e.getTestDescriptor().getUniqueId().toString()))
                .contains(ENGINE + "/[account:111111111111]", ENGINE + "/[account:222222222222]")
                .noneMatch(id -> id.contains("test_null_then_fail"));
    }

    @Test
    void liveAccountsAreAssumedThroughTheEndpointKey() {
        MotoServer moto = MotoServer.shared();
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        try {
            TestDescriptor root = EngineTestKit.engine(engine())
                    .selectors(selectUniqueId(ENGINE))
                    .configurationParameters(Map.of(PlumbEngineKeys.ENDPOINT_URL, moto.endpoint(),
                            PlumbEngineKeys.ACCOUNTS, "333333333333,111111111111",
                            PlumbEngineKeys.ROLE_NAME, "audit", PlumbEngineKeys.REGION, "eu-west-1"))
                    .discover().getEngineDescriptor();
            assertThat(root.getChildren()).extracting(child -> child.getUniqueId().toString())
                    .containsExactly(ENGINE + "/[account:111111111111]", ENGINE + "/[account:333333333333]");

            TestDescriptor caller = EngineTestKit.engine(engine())
                    .selectors(selectUniqueId(ENGINE))
                    .configurationParameters(Map.of(PlumbEngineKeys.ENDPOINT_URL, moto.endpoint()))
                    .discover().getEngineDescriptor();
            assertThat(caller.getChildren()).extracting(child -> child.getUniqueId().toString())
                    .containsExactly(ENGINE + "/[account:" + MotoServer.DEFAULT_ACCOUNT + "]");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void insideASuiteTheEngineSelectorSelectsTheEngineBelowTheSuite(@TempDir Path work) throws Exception {
        Path file = snapshot(work, "111111111111");
        org.junit.platform.engine.UniqueId root = org.junit.platform.engine.UniqueId
                .forEngine("junit-platform-suite").append("suite", "com.example.Audit").append("engine", "plumb");
        var request = org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request()
                .selectors(selectUniqueId(ENGINE + "/[account:111111111111]"))
                .configurationParameters(Map.of(PlumbEngineKeys.SNAPSHOTS, file.toString()))
                .enableImplicitConfigurationParameters(false)
                .build();

        TestDescriptor engine = engine().discover(request, root);

        assertThat(engine.getChildren()).extracting(child -> child.getUniqueId())
                .containsExactly(root.append("account", "111111111111"));
    }

    @Test
    void aTemplateKeyJudgesTheAccountOfTheAccountKey(@TempDir Path work) throws Exception {
        Path template = Files.writeString(work.resolve("support.yaml"), """
                Resources:
                  SupportRole:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: support
                      ManagedPolicyArns: ["arn:aws:iam::aws:policy/AWSSupportAccess"]
                """);

        TestDescriptor root = EngineTestKit.engine(engine())
                .selectors(selectUniqueId(ENGINE))
                .configurationParameters(Map.of(PlumbEngineKeys.CLOUDFORMATION_TEMPLATES, template.toString(),
                        PlumbEngineKeys.ACCOUNT, "210987654321", PlumbEngineKeys.SOURCE_ROOT, work.toString()))
                .discover().getEngineDescriptor();

        assertThat(root.getChildren()).extracting(child -> child.getUniqueId().toString())
                .containsExactly(ENGINE + "/[account:210987654321]");
        assertThatThrownBy(() -> ScanPlanner.plan(settings(Map.of(PlumbEngineKeys.CLOUDFORMATION_TEMPLATES,
                        template.toString())), List.of(), RuleCatalog.of(List.of(new FindingVerdictTest.TestPack())),
                new SnapshotFiles(), new Secrets(), List.of()))
                .isInstanceOf(PlumbConfigurationException.class)
                .hasMessage("a CloudFormation template does not say which account it is deployed to: pass "
                        + "plumb.account, or plumb.snapshots / plumb.live to judge an existing account.");
    }

    @Test
    void aBadRegionOrEndpointIsTheCommandLinesLine() {
        assertThatThrownBy(() -> settings(Map.of(PlumbEngineKeys.REGION, "moon-base-1a")))
                .isInstanceOf(PlumbConfigurationException.class)
                .hasMessage("invalid region 'moon-base-1a': expected a region code such as us-east-1, cn-north-1 or "
                        + "us-gov-west-1.");
        assertThatThrownBy(() -> settings(Map.of(PlumbEngineKeys.ENDPOINT_URL, "ftp://127.0.0.1")))
                .hasMessage("invalid plumb.endpointUrl 'ftp://127.0.0.1': expected an http(s) URL such as "
                        + "http://127.0.0.1:5000.");
    }

    @Test
    void theIacKeysAreCheckedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> settings(Map.of(PlumbEngineKeys.LIVE, "true")))
                .isInstanceOf(PlumbConfigurationException.class)
                .hasMessage("plumb.live, plumb.terraformDir and plumb.account go with plumb.terraformPlans or "
                        + "plumb.cloudformationTemplates.");
        assertThatThrownBy(() -> settings(Map.of(PlumbEngineKeys.TERRAFORM_PLANS, "plan.json",
                PlumbEngineKeys.ACCOUNT, "12345")))
                .hasMessage("plumb.account '12345' is not an AWS account id (12 digits).");
    }

    @Test
    void theSameCheckSpeaksTheCommandLinesLanguageWhenItNamesTheOptions() {
        OptionNames cli = OptionNames.commandLine(Map.of(PlumbEngineKeys.ROLE_NAME, "--role-name",
                PlumbEngineKeys.EXTERNAL_ID, "--external-id", PlumbEngineKeys.ACCOUNTS, "--accounts",
                PlumbEngineKeys.ACCOUNTS_FILE, "--accounts-file", PlumbEngineKeys.ORG, "--org"));

        assertThatThrownBy(() -> ScanSettings.from(new SuppressionTest.MapParameters(
                Map.of(PlumbEngineKeys.ROLE_NAME, "audit")), Map.of(), cli))
                .hasMessage("--role-name and --external-id need targets: add --accounts ID,..., --accounts-file FILE "
                        + "or --org.");
    }

    @Test
    void aSelectionOfNoRuleSaysWhichKeysSelectedNothing(@TempDir Path work) throws Exception {
        Path snapshot = snapshot(work, "123456789012");

        assertThatThrownBy(() -> ScanPlanner.plan(settings(Map.of(PlumbEngineKeys.SNAPSHOTS, snapshot.toString(),
                        PlumbEngineKeys.RULES, "test_same_*", PlumbEngineKeys.MIN_SEVERITY, "critical")), List.of(),
                RuleCatalog.of(List.of(new FindingVerdictTest.TestPack())), new SnapshotFiles(), new Secrets(),
                List.of()))
                .hasMessage("the rule selection (plumb.rules=test_same_* plumb.minSeverity=critical) matches none of "
                        + "the 2 rules known.");
    }

    @Test
    void aMissingPluginDirectoryIsOneLineNamingTheKey(@TempDir Path work) {
        Path missing = work.resolve("nowhere");

        assertThatThrownBy(() -> EngineTestKit.engine(new PlumbTestEngine())
                .selectors(selectUniqueId(ENGINE))
                .configurationParameters(Map.of(PlumbEngineKeys.PLUGINS, missing.toString()))
                .discover())
                .rootCause().isInstanceOf(PlumbConfigurationException.class)
                .hasMessage("plugin directory " + missing + " does not exist: give plumb.plugins a directory of "
                        + "plugin jars.");
    }

    @Test
    void warningsOfThePlanGoToTheEnginesLogger(@TempDir Path work) throws Exception {
        Path snapshot = snapshot(work, "123456789012");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(plugins.resolve("empty.jar")))) {
            jar.putNextEntry(new java.util.zip.ZipEntry("README.txt"));
        }
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(ScanPlanner.class.getName());
        logger.addHandler(handler);
        try {
            EngineTestKit.engine(new PlumbTestEngine())
                    .selectors(selectUniqueId(ENGINE))
                    .configurationParameters(Map.of(PlumbEngineKeys.SNAPSHOTS, snapshot.toString(),
                            PlumbEngineKeys.PLUGINS, plugins.toString()))
                    .discover();
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(logged).containsExactly("plumb: warning: plugin jar " + plugins.resolve("empty.jar")
                + " has no rule pack (no class listed in META-INF/services/dev.plumb.api.RulePack); it is ignored.");
    }

    private static ScanSettings settings(Map<String, String> keys) {
        return ScanSettings.from(new SuppressionTest.MapParameters(keys), Map.of());
    }

    static Path snapshot(Path directory, String account) throws Exception {
        return Files.writeString(directory.resolve(account + ".json"), """
                {"UserDetailList": [], "GroupDetailList": [], "Policies": [],
                 "RoleDetailList": [{"RoleName": "admin", "Arn": "arn:aws:iam::%s:role/admin",
                                     "AttachedManagedPolicies": []}]}
                """.formatted(account));
    }

    @Test
    void aListValueKeepsACommaInsideAnItem() {
        String value = PlumbEngineKeys.listValue(List.of("plans,2026/plan.json", "b.json", "c\\d.json"));

        assertThat(value).isEqualTo("plans\\,2026/plan.json,b.json,c\\d.json");
        assertThat(ScanSettings.items(value)).containsExactly("plans,2026/plan.json", "b.json", "c\\d.json");
        assertThat(ScanSettings.items(" a , ,b,")).containsExactly("a", "b");
    }
}
