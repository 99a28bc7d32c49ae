package dev.plumb.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between Plumb's modules and inside its engine, checked on the compiled classes of
 * every module: the engine's packages form no cycle, only the engine class, its keys and its
 * configuration exception are API, the rule SPI stands alone, and rules need nothing but the SPI.
 */
class ArchitectureTest {

    /** The engine's public API; every other public class of the engine is marked internal. */
    private static final Set<String> ENGINE_API = Set.of("dev.plumb.engine.PlumbTestEngine",
            "dev.plumb.engine.PlumbEngineKeys", "dev.plumb.engine.PlumbConfigurationException");

    private static JavaClasses plumb;

    @BeforeAll
    static void importPlumb() {
        plumb = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.plumb");
        // every module is on this class path: a rule below that sees none of its classes proves nothing
        assertThat(plumb.stream().map(JavaClass::getPackageName).distinct()).contains("dev.plumb.api",
                "dev.plumb.internal", "dev.plumb.internal.report", "dev.plumb.engine", "dev.plumb.engine.aws",
                "dev.plumb.engine.snapshot", "dev.plumb.engine.iac", "dev.plumb.reporting", "dev.plumb.cli",
                "dev.plumb.testkit");
        assertThat(plumb.stream().map(JavaClass::getPackageName)).anyMatch(name -> name.startsWith("dev.plumb.rules"));
    }

    @Test
    void theEnginesPackagesHaveNoCycle() {
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals("dev.plumb.engine") || name.startsWith("dev.plumb.engine.")
                        ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of the engine";
            }
        };
        SlicesRuleDefinition.slices().assignedFrom(byPackage).should().beFreeOfCycles().check(plumb);
    }

    @Test
    void awsAccessAndTheSnapshotFormatKnowNothingOfTheJUnitTree() {
        noClasses().that().resideInAnyPackage("dev.plumb.engine.aws..", "dev.plumb.engine.snapshot..",
                        "dev.plumb.engine.iac..")
                .should().dependOnClassesThat().resideInAPackage("dev.plumb.engine")
                .check(plumb);
    }

    @Test
    void theEnginesOnlyPublicApiIsTheEngineItsKeysAndItsConfigurationException() {
        classes().that().resideInAPackage("dev.plumb.engine..").and().arePublic().and().areTopLevelClasses()
                .and(notIn(ENGINE_API))
                .should().beAnnotatedWith(apiStatusInternal(true))
                .check(plumb);
        classes().that().haveNameMatching(String.join("|", ENGINE_API).replace(".", "\\."))
                .should().bePublic().andShould().beAnnotatedWith(apiStatusInternal(false))
                .check(plumb);
    }

    @Test
    void theRuleSpiDependsOnNoOtherPartOfPlumb() {
        noClasses().that().resideInAPackage("dev.plumb.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.plumb.engine..", "dev.plumb.internal..",
                        "dev.plumb.reporting..", "dev.plumb.cli..", "dev.plumb.testkit..", "dev.plumb.rules..")
                .check(plumb);
    }

    @Test
    void rulesDependOnlyOnTheSpiTheAwsSdkAndInjection() {
        classes().that().resideInAPackage("dev.plumb.rules..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.plumb.api..", "dev.plumb.rules..",
                        "software.amazon.awssdk..", "com.google.inject..", "jakarta.inject..", "java..")
                .check(plumb);
    }

    @Test
    void reportingReadsTheEngineOnlyThroughItsReportEntries() {
        noClasses().that().resideInAPackage("dev.plumb.reporting..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.plumb.engine..", "dev.plumb.cli..",
                        "dev.plumb.testkit..")
                .check(plumb);
        noClasses().that().resideInAPackage("dev.plumb.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.plumb.reporting..", "dev.plumb.cli..",
                        "dev.plumb.testkit..")
                .check(plumb);
    }

    private static DescribedPredicate<JavaClass> notIn(Set<String> names) {
        return DescribedPredicate.describe("are not one of " + names, javaClass -> !names.contains(javaClass.getName()));
    }

    /** {@code @API(status = INTERNAL)} when {@code internal}, else {@code @API} with any other status. */
    private static DescribedPredicate<JavaAnnotation<?>> apiStatusInternal(boolean internal) {
        return DescribedPredicate.describe(internal ? "@API(status = INTERNAL)" : "@API(status other than INTERNAL)",
                annotation -> annotation.getRawType().isEquivalentTo(API.class)
                        && (annotation.as(API.class).status() == API.Status.INTERNAL) == internal);
    }
}
