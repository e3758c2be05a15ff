package dev.spool.collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The five-line Python client of docs/protocol.md, run as written with python3 against a real collector. */
class PythonClientIT {

    private static final Path DOC = Path.of("..", "docs", "protocol.md");

    @TempDir
    Path dir;

    static String pythonClient() throws Exception {
        Matcher block = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertThat(block.find()).as("a python block in %s", DOC).isTrue();
        return block.group(1);
    }

    @Test
    void theDocumentedClientIsAcknowledgedAndItsEventWritten() throws Exception {
        String client = pythonClient();
        assertThat(client.lines().count()).as("five lines").isEqualTo(5);
        Path out = dir.resolve("out.log");
        try (Collector collector = Collector.start(CollectorConfig.builder(CollectorIT.fileOutput(out, "python"))
                .listen("tcp://127.0.0.1:0").build())) {
            Path script = dir.resolve("client.py");
            // the documented port, replaced by the one this collector got
            Files.writeString(script, client.replace("5170", String.valueOf(collector.address().port())));
            Process python = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(output.trim()).isEqualTo("{\"ack\":1}");
            assertThat(Events.lines(out)).singleElement().satisfies(line ->
                    assertThat(line).contains("\"logger\":\"py.worker\"").contains("\"message\":\"hello from python\""));
        }
    }
}
