package dev.spool.examples.springboot;

import dev.spool.Spool;
import dev.spool.spi.support.JsonReader;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The example application started in this JVM with its embedded server on a free port, its log file in a
 * test directory (Spool's JSON Lines) and the console off, plus an HTTP client for it.
 */
final class RunningExample implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    final ConfigurableApplicationContext context;
    final Path logFile;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private RunningExample(ConfigurableApplicationContext context, Path logFile) {
        this.context = context;
        this.logFile = logFile;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Starts the application; {@code args} come after the test's own and override them. */
    static RunningExample start(Path directory, String... args) {
        Path logFile = directory.resolve("example.log");
        List<String> all = new ArrayList<>(List.of(commonArgs(logFile)));
        all.addAll(List.of(args));
        return new RunningExample(SpringApplication.run(ExampleApplication.class, all.toArray(String[]::new)),
                logFile);
    }

    /** The arguments every test run uses: a free port, the log file, no console, no banner. */
    static String[] commonArgs(Path logFile) {
        return new String[] {"--server.port=0", "--logging.file.name=" + logFile, "--logging.pattern.console=",
                "--spring.main.banner-mode=off"};
    }

    HttpResponse<String> get(String path, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET();
        if (requestId != null) {
            request.header(RequestIdFilter.HEADER, requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Parses a JSON object, such as an actuator response. */
    static Map<String, Object> json(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return JsonReader.readObject(bytes, 0, bytes.length);
    }

    /** Every event written to the log file so far, after waiting for what was logged before this call. */
    List<Map<String, Object>> events() throws IOException {
        Spool.flush(TIMEOUT);
        return read(logFile);
    }

    static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            events.add(json(line));
        }
        return events;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        context.close();
    }
}
