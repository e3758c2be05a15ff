package dev.spool.test;

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
 * The code in docs/testing.md is cut from tests this module compiles and runs: each block marked
 * {@code <!-- example: PATH -->} must appear in PATH, piece by piece in order ({@code // ...} marks a
 * cut), the convention of docs/EXTENDING.md.
 */
class DocsExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyExcerptInTheTestingGuideMatchesItsFile() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/testing.md"));
        Matcher m = EXAMPLE.matcher(guide);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            Path file = ROOT.resolve(m.group(1));
            assertThat(file).as("file named by an example in docs/testing.md").isRegularFile();
            String source = Files.readString(file);
            int from = 0;
            for (String piece : m.group(2).split("(?m)^\\s*// \\.\\.\\.\\n")) {
                String text = piece.strip();
                int at = source.indexOf(text, from);
                assertThat(at).as("in %s, this excerpt of docs/testing.md (in order):%n%s", m.group(1), text)
                        .isGreaterThanOrEqualTo(0);
                from = at + text.length();
            }
            checked.add(m.group(1));
        }
        assertThat(checked).as("examples found in docs/testing.md").hasSizeGreaterThanOrEqualTo(3);
    }
}
