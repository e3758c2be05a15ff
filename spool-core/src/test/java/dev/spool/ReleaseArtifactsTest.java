package dev.spool;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release-ready build, read from the POMs: every published module is in spool-bom and nothing else
 * is, at the parent's version and build time stamp, with the metadata Maven Central requires. A module
 * added without its BOM entry (or without {@code maven.deploy.skip} when it is not published) fails here.
 *
 * <p>The POMs are this project's own, so a plain reading suffices (comments removed, then the elements
 * by name); the core's module reads no XML API.
 */
class ReleaseArtifactsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private static String pom(String module) throws IOException {
        String text = Files.readString(ROOT.resolve(module).resolve("pom.xml"), StandardCharsets.UTF_8);
        return COMMENT.matcher(text).replaceAll("");
    }

    /** The contents of every {@code <tag>} (or {@code <tag attributes>}) element in {@code xml}. */
    private static List<String> all(String xml, String tag) {
        Matcher m = Pattern.compile("<" + Pattern.quote(tag) + "(?:\\s[^>]*)?>(.*?)</" + Pattern.quote(tag) + ">",
                Pattern.DOTALL).matcher(xml);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1).trim());
        }
        return found;
    }

    private static String first(String xml, String tag) {
        List<String> found = all(xml, tag);
        return found.isEmpty() ? "" : found.get(0);
    }

    /** The project's own element (before dependencies, build or profiles: the first occurrence). */
    private static String own(String xml, String tag) {
        String withoutParent = xml.replaceFirst("(?s)<parent>.*?</parent>", "");
        return first(withoutParent, tag);
    }

    @Test
    void theBomListsExactlyThePublishedModulesAtTheParentsVersion() throws IOException {
        String parent = pom(".");
        Set<String> published = new TreeSet<>();
        for (String module : all(first(parent, "modules"), "module")) {
            String pom = pom(module);
            boolean skipped = "true".equals(first(first(pom, "properties"), "maven.deploy.skip"));
            if (!"spool-bom".equals(module) && !skipped) {
                published.add(own(pom, "artifactId"));
                assertThat(own(pom, "name")).as(module + " <name>").isNotBlank();
                assertThat(own(pom, "description")).as(module + " <description>").isNotBlank();
            }
        }
        String bom = pom("spool-bom");
        Set<String> listed = new TreeSet<>(all(first(bom, "dependencyManagement"), "artifactId"));

        assertThat(published).contains("spool-core", "spool-slf4j").doesNotContain("spool-bench", "spool-stress");
        assertThat(listed).as("spool-bom/pom.xml lists every module that is published, and only those")
                .isEqualTo(published);
        assertThat(own(bom, "version")).isEqualTo(own(parent, "version"));
        assertThat(first(bom, "project.build.outputTimestamp"))
                .isEqualTo(first(parent, "project.build.outputTimestamp")).isNotBlank();
    }

    @Test
    void theParentAndTheBomCarryTheMetadataMavenCentralRequires() throws IOException {
        for (String module : List.of(".", "spool-bom")) {
            String pom = pom(module);
            assertThat(own(pom, "url")).as(module).startsWith("https://");
            assertThat(all(first(pom, "licenses"), "name")).as(module).containsExactly("Apache License, Version 2.0");
            assertThat(all(first(pom, "developers"), "name")).as(module).isNotEmpty();
            assertThat(first(first(pom, "scm"), "connection")).as(module).startsWith("scm:git:");
            assertThat(own(pom, "description")).as(module).isNotBlank();
        }
        String license = Files.readString(ROOT.resolve("LICENSE"), StandardCharsets.UTF_8);
        assertThat(license).contains("Apache License", "Version 2.0, January 2004", "END OF TERMS AND CONDITIONS");
    }
}
