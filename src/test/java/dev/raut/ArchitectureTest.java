package dev.raut;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core engine serves the CLI, the app and the server alike, so it must depend on none of them. */
class ArchitectureTest {
  private static final JavaClasses RAUT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.raut");

  @Test
  void coreUsesNoUserInterfaceCommandLineOrHttpClasses() {
    noClasses().that().resideInAPackage("dev.raut.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "javafx..", "picocli..", "io.javalin..", "org.eclipse.jetty..", "com.sun.net.httpserver..",
            "java.net.http..", "jakarta.servlet..")
        .check(RAUT);
  }

  @Test
  void coreUsesNoSparkOrHadoopClasses() {
    // the Spark job is a door like the others: its engine must not know it runs on a cluster
    noClasses().that().resideInAPackage("dev.raut.core..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..")
        .check(RAUT);
  }

  @Test
  void coreDoesNotReachIntoTheDoors() {
    noClasses().that().resideInAPackage("dev.raut.core..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.raut.cli..", "dev.raut.app..", "dev.raut.server..",
            "dev.raut.evaluate..", "dev.raut.spark..")
        .check(RAUT);
  }

  @Test
  void onlyTheCommandLineWritesToTheConsole() {
    // the app logs to its file and the server through SLF4J; a stray println ends up nowhere a user looks
    noClasses().that().resideOutsideOfPackage("dev.raut.cli..").and().doNotHaveFullyQualifiedName("dev.raut.Main")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(Throwable.class, "printStackTrace")
        .check(RAUT);
  }

  @Test
  void oneLoggingApiSlf4j() {
    noClasses().should().callMethod(System.class, "getLogger", String.class)
        .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
            com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                com.tngtech.archunit.base.DescribedPredicate.describe("java.util.logging.Logger",
                    c -> c.getName().equals("java.util.logging.Logger"))))
            .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching(
                    "log|logp|severe|warning|info|config|fine|finer|finest"))))
        .because("the program logs through SLF4J (java.util.logging is configured only to quieten libraries)")
        .check(RAUT);
  }
}
