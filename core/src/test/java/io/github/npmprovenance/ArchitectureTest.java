package io.github.npmprovenance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the package arrows of the core pointing one way, and the core free of front-end types. */
@AnalyzeClasses(packages = "io.github.npmprovenance", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noCycles = slices().matching("io.github.npmprovenance.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule lockfileKnowsNothingElse = noClasses().that().resideInAPackage("..lockfile..")
            .should().dependOnClassesThat().resideInAnyPackage("..registry..", "..verify..", "..report..", "..policy..");

    @ArchTest
    static final ArchRule registryKnowsNoVerdicts = noClasses().that().resideInAPackage("..registry..")
            .should().dependOnClassesThat().resideInAnyPackage("..verify..", "..report..", "..policy..");

    @ArchTest
    static final ArchRule verifyDoesNotRender = noClasses().that().resideInAPackage("..verify..")
            .should().dependOnClassesThat().resideInAnyPackage("..report..", "..policy..");

    @ArchTest
    static final ArchRule coreKnowsNoFrontEnd = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("picocli..", "org.kohsuke.github..", "hudson..", "jenkins..", "..cli..");
}
