package dev.raut.core.image;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core engine serves the CLI, GUI and server alike, so it must not depend on any of them. */
class CoreDependenciesTest {
  @Test
  void coreUsesNoUserInterfaceOrHttpClasses() {
    noClasses().that().resideInAPackage("dev.raut.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "javafx..", "picocli..", "com.sun.net.httpserver..", "java.net.http..", "jakarta.servlet..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.raut.core"));
  }
}
