package dev.furlong.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout, enforced: {@code local → cli → pipeline → {ingest, transform, stats, publish} → {lake, config, spark}}, the
 * client ({@code api}) and the simulator ({@code sandbox}) each free of everything else, and no cycle between packages.
 * Production classes of every module only (this module's tests see them all).
 */
class ArchitectureTest {

    static JavaClasses furlong;

    @BeforeAll
    static void importProductionClasses() {
        furlong = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.furlong");
    }

    static Architectures.LayeredArchitecture layers() {
        String[] stages = {"Ingest", "Transform", "Stats", "Publish"};
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Local").definedBy("dev.furlong.local..", "dev.furlong.bench..")
                .layer("Cli").definedBy("dev.furlong.cli..")
                .layer("Pipeline").definedBy("dev.furlong.pipeline..")
                .layer("Ingest").definedBy("dev.furlong.ingest..")
                .layer("Transform").definedBy("dev.furlong.transform..")
                .layer("Stats").definedBy("dev.furlong.stats..")
                .layer("Publish").definedBy("dev.furlong.publish..")
                // Operating the system: maintain, status and validate read across the stages' tables.
                .layer("Operate").definedBy("dev.furlong.maintain..", "dev.furlong.status..", "dev.furlong.validate..")
                .layer("Foundation").definedBy("dev.furlong.lake..", "dev.furlong.config..", "dev.furlong.spark..")
                .layer("Api").definedBy("dev.furlong.api..")
                .layer("Sandbox").definedBy("dev.furlong.sandbox..")
                .whereLayer("Local").mayNotBeAccessedByAnyLayer()
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Local")
                .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("Cli", "Local")
                // A stage does not reach into another: what two share lives below them.
                .whereLayer("Ingest").mayOnlyBeAccessedByLayers("Operate", "Pipeline", "Cli", "Local")
                .whereLayer("Transform").mayOnlyBeAccessedByLayers("Operate", "Pipeline", "Cli", "Local")
                .whereLayer("Stats").mayOnlyBeAccessedByLayers("Operate", "Pipeline", "Cli", "Local")
                .whereLayer("Publish").mayOnlyBeAccessedByLayers("Operate", "Pipeline", "Cli", "Local")
                .whereLayer("Operate").mayOnlyBeAccessedByLayers("Pipeline", "Cli", "Local")
                .whereLayer("Foundation").mayOnlyBeAccessedByLayers(concat(stages, "Operate", "Pipeline", "Cli", "Local"))
                .whereLayer("Api").mayOnlyBeAccessedByLayers(concat(stages, "Operate", "Foundation", "Pipeline", "Cli", "Local"))
                .whereLayer("Sandbox").mayOnlyBeAccessedByLayers("Local");
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void everyModuleIsImported() {
        for (String c : new String[]{"dev.furlong.api.RacingApiClient", "dev.furlong.sandbox.SandboxServer", "dev.furlong.lake.Lake",
                "dev.furlong.cli.Furlong", "dev.furlong.local.LocalFurlong"}) {
            assertTrue(furlong.contain(c), c + " among " + furlong.size() + " classes");
        }
    }

    @Test
    void layersAreRespected() {
        layers().check(furlong);
    }

    @Test
    void packagesHaveNoCycles() {
        noCycles("dev.furlong").check(furlong);
    }

    @Test
    void theClientAndTheSimulatorHaveNoSpark() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAnyPackage("dev.furlong.api..", "dev.furlong.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..", "io.delta..")
                .check(furlong);
    }

    /** The cycle rule is not vacuous: two packages planted in this test's sources that import each other fail it. */
    @Test
    void aPlantedCycleFailsTheRule() {
        JavaClasses planted = new ClassFileImporter().importPackages("dev.furlong.architecture.planted");
        EvaluationResult result = noCycles("dev.furlong.architecture.planted").evaluate(planted);
        assertTrue(result.hasViolation(), "a cycle between planted.left and planted.right must be reported");
        assertTrue(result.getFailureReport().toString().contains("planted.left"), result.getFailureReport().toString());
    }

    private static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }
}
