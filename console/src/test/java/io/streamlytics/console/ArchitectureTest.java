package io.streamlytics.console;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package by feature: inside a feature, ui and api (its views and its HTTP endpoints) → service →
 * domain; no cycles between features.
 */
@AnalyzeClasses(
        packages = "io.streamlytics.console",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers =
            layeredArchitecture()
                    .consideringOnlyDependenciesInLayers()
                    .layer("ui")
                    .definedBy("..ui..")
                    .layer("api")
                    .definedBy("..api..")
                    .layer("service")
                    .definedBy("..service..")
                    .layer("domain")
                    .definedBy("..domain..")
                    .whereLayer("ui")
                    .mayNotBeAccessedByAnyLayer()
                    .whereLayer("api")
                    .mayNotBeAccessedByAnyLayer()
                    .whereLayer("service")
                    .mayOnlyBeAccessedByLayers("ui", "api")
                    .whereLayer("domain")
                    .mayOnlyBeAccessedByLayers("service", "ui", "api");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("io.streamlytics.console.(*)..").should().beFreeOfCycles();
}
