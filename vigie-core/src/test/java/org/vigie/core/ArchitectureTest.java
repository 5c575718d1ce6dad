package org.vigie.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** vigie-core is pure logic: no HTTP, SQL, video, audio decoding or Kafka, and nothing of the modules above it. */
@AnalyzeClasses(packages = "org.vigie.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noInputOutputFrameworks = noClasses().that().resideInAPackage("org.vigie.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.sql..", "javax.sql..", "java.net.http..", "io.javalin..", "jakarta.servlet..",
                    "javax.servlet..", "org.eclipse.jetty..", "org.jooq..", "org.flywaydb..", "org.bytedeco..",
                    "org.opencv..", "org.apache.kafka..", "com.zaxxer..")
            .because("vigie-core knows no HTTP, SQL, FFmpeg/OpenCV or Kafka (DESIGN.md, layout)");

    @ArchTest
    static final ArchRule noUpwardDependencies = noClasses().that().resideInAPackage("org.vigie.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.vigie.store..", "org.vigie.server..", "org.vigie.app..", "org.vigie.feeds..",
                    "org.vigie.vision..", "org.vigie.audio..", "org.vigie.stream..")
            .because("dependencies point down the module table; core depends on nothing of ours");
}
