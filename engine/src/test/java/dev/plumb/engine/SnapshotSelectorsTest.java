package dev.plumb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;

class SnapshotSelectorsTest {

    private static final String ENGINE = "[engine:" + PlumbTestEngine.ENGINE_ID + "]";

    @TempDir
    Path work;

    private static TestDescriptor discover(DiscoverySelector... selectors) {
        return EngineTestKit.engine(new PlumbTestEngine(RuleCatalog.of(List.of(new FindingVerdictTest.TestPack())),
                        List.of(), new ScanCancellation()))
                .selectors(selectors)
                .configurationParameters(Map.of())
                .discover().getEngineDescriptor();
    }

    private static List<String> accounts(TestDescriptor engine) {
        return engine.getChildren().stream().map(child -> child.getUniqueId().toString()).toList();
    }

    @Test
    void aSelectedSnapshotFileIsScannedWithEveryRule() throws Exception {
        Path file = PlumbEngineKeysTest.snapshot(work, "111111111111");

        TestDescriptor engine = discover(selectFile(file.toFile()));

        assertThat(accounts(engine)).containsExactly(ENGINE + "/[account:111111111111]");
        assertThat(engine.getChildren().iterator().next().getChildren()).hasSize(2);
    }

    @Test
    void otherFilesAndOtherJsonAreNotPlumbs() throws Exception {
        Path json = Files.writeString(work.resolve("package.json"), "{\"name\": \"app\", \"Roles\": []}");
        Path array = Files.writeString(work.resolve("list.json"), "[{\"RoleDetailList\": []}]");
        Path text = Files.writeString(work.resolve("notes.txt"), "RoleDetailList");

        assertThat(discover(selectFile(json.toFile()), selectFile(array.toFile()), selectFile(text.toFile()))
                .getChildren()).isEmpty();
    }

    @Test
    void aDirectoryYieldsTheSnapshotsBelowIt() throws Exception {
        PlumbEngineKeysTest.snapshot(work, "222222222222");
        Files.createDirectories(work.resolve("nested"));
        PlumbEngineKeysTest.snapshot(work.resolve("nested"), "111111111111");
        Files.writeString(work.resolve("settings.json"), "{\"region\": \"eu-west-1\"}");

        assertThat(accounts(discover(selectDirectory(work.toFile()))))
                .containsExactly(ENGINE + "/[account:111111111111]", ENGINE + "/[account:222222222222]");
    }

    @Test
    void aClasspathResourceDirectoryYieldsItsSnapshots() {
        assertThat(accounts(discover(selectClasspathResource("dev/plumb/engine/selected"))))
                .containsExactly(ENGINE + "/[account:444444444444]");
        assertThat(accounts(discover(selectClasspathResource("dev/plumb/engine/selected/444444444444.json"))))
                .containsExactly(ENGINE + "/[account:444444444444]");
    }

    @Test
    void theRuleKeysApplyToSelectedFiles() throws Exception {
        Path file = PlumbEngineKeysTest.snapshot(work, "111111111111");

        TestDescriptor engine = EngineTestKit.engine(new PlumbTestEngine(
                        RuleCatalog.of(List.of(new FindingVerdictTest.TestPack())), List.of(), new ScanCancellation()))
                .selectors(selectFile(file.toFile()))
                .configurationParameters(Map.of(PlumbEngineKeys.RULES, "test_same_resource"))
                .discover().getEngineDescriptor();

        assertThat(engine.getChildren()).singleElement().satisfies(account -> assertThat(account.getChildren())
                .extracting(rule -> rule.getUniqueId().getLastSegment().getValue())
                .containsExactly("test_same_resource"));
    }

    @Test
    void anAccountLeftWithoutRulesIsPruned() throws Exception {
        Path file = PlumbEngineKeysTest.snapshot(work, "111111111111");

        TestDescriptor engine = EngineTestKit.engine(new PlumbTestEngine(
                        RuleCatalog.of(List.of(new FindingVerdictTest.TestPack())), List.of(), new ScanCancellation()))
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId(
                        ENGINE + "/[account:111111111111]/[rule:no_such_rule]"))
                .configurationParameters(Map.of(PlumbEngineKeys.SNAPSHOTS, file.toString()))
                .discover().getEngineDescriptor();

        assertThat(engine.getChildren()).isEmpty();
    }
}
