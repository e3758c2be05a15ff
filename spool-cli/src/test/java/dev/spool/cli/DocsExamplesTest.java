package dev.spool.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code in docs/EXTENDING.md is cut from files the build compiles and tests: each block marked
 * {@code <!-- example: PATH -->} must appear in PATH, piece by piece in order ({@code // ...} marks a cut),
 * so the guide cannot drift from code that works.
 */
class DocsExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyExcerptInTheExtendingGuideMatchesItsFile() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/EXTENDING.md"));
        Matcher m = EXAMPLE.matcher(guide);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            Path file = ROOT.resolve(m.group(1));
            assertThat(file).as("file named by an example in docs/EXTENDING.md").isRegularFile();
            String source = Files.readString(file);
            int from = 0;
            for (String piece : m.group(2).split("(?m)^\\s*// \\.\\.\\.\\n")) {
                String text = piece.strip();
                int at = source.indexOf(text, from);
                assertThat(at).as("in %s, this excerpt of docs/EXTENDING.md (in order):%n%s", m.group(1), text)
                        .isGreaterThanOrEqualTo(0);
                from = at + text.length();
            }
            checked.add(m.group(1));
        }
        assertThat(checked).as("examples found in docs/EXTENDING.md").hasSizeGreaterThanOrEqualTo(6);
    }
}
