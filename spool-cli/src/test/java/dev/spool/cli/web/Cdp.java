package dev.spool.cli.web;

import dev.spool.cli.store.JsonLine;
import dev.spool.collector.json.JsonEventReader;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * Headless Chromium driven through the DevTools protocol, for what a dumped DOM cannot show: keys pressed,
 * the focus moving, clicks and drags, the clipboard, a page that keeps reading (live tail), screenshots.
 * One browser, one page; what the page writes to its console and every uncaught script error are kept.
 */
final class Cdp implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration CALL = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());

    private Cdp(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** A browser with a window of {@code width} x {@code height} CSS pixels, its profile under {@code work}. */
    static Cdp launch(Path work, int width, int height) throws IOException, InterruptedException {
        if (!Files.isExecutable(Chromium.BINARY)) {
            throw new AssertionError("no Chromium at " + Chromium.BINARY + ": the web view's browser tests need it."
                    + " Install it (as root) with: apt-get install -y chromium");
        }
        Path profile = Files.createDirectories(work.resolve("cdp-profile-" + System.nanoTime()));
        Process process = new ProcessBuilder(List.of(Chromium.BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank"))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(work.resolve("cdp-stdout.txt").toFile()).redirectError(work.resolve("cdp-stderr.txt").toFile())
                .start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            try {
                await().atMost(STARTUP).pollInterval(Duration.ofMillis(20))
                        .until(() -> !process.isAlive() || Files.exists(portFile) && !Files.readAllLines(portFile).isEmpty());
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("Chromium did not open its DevTools port; stderr:\n" + Files.readString(work.resolve("cdp-stderr.txt")));
            }
            if (!process.isAlive()) {
                throw new AssertionError("Chromium exited with " + process.exitValue() + "; stderr:\n"
                        + Files.readString(work.resolve("cdp-stderr.txt")));
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"|"
                    + "\"webSocketDebuggerUrl\"\\s*:\\s*\"(ws://[^\"]+/page/[^\"]+)\"").matcher(list);
            if (!m.find()) {
                throw new AssertionError("no page in Chromium's target list: " + list);
            }
            String url = m.group(1) != null ? m.group(1) : m.group(2);
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(url), listener).get(30, TimeUnit.SECONDS);
            Cdp cdp = new Cdp(process, socket);
            listener.cdp = cdp;
            cdp.call("Runtime.enable", new JsonLine());
            cdp.call("Page.enable", new JsonLine());
            cdp.call("Log.enable", new JsonLine());
            return cdp;
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("cannot drive Chromium: " + e, e);
        } catch (AssertionError e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
    }

    /** Collects the frames of each message, and hands complete ones to {@link #received}. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        volatile Cdp cdp;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                cdp.received(message);
            }
            webSocket.request(1);
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private void received(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> json = JsonEventReader.readObject(bytes, 0, bytes.length);
        Object id = json.get("id");
        if (id instanceof Number n) {
            CompletableFuture<Map<String, Object>> f = pending.remove(n.intValue());
            if (f != null) {
                f.complete(json);
            }
            return;
        }
        String method = (String) json.get("method");
        Map<String, Object> params = (Map<String, Object>) json.get("params");
        if ("Runtime.exceptionThrown".equals(method)) {
            console.add("Uncaught " + params.get("exceptionDetails"));
        } else if ("Runtime.consoleAPICalled".equals(method)) {
            console.add(params.get("type") + " " + params.get("args"));
        } else if ("Log.entryAdded".equals(method)) {
            Map<String, Object> entry = (Map<String, Object>) params.get("entry");
            console.add(entry.get("level") + " " + entry.get("text"));
        }
    }

    /** The result of a DevTools call; fails on a protocol error. */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(String method, JsonLine params) {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String message = "{\"id\":" + id + ",\"method\":" + JsonLine.quoted(method) + ",\"params\":" + params + "}";
        try {
            socket.sendText(message, true).get(CALL.toSeconds(), TimeUnit.SECONDS);
            Map<String, Object> json = answer.get(CALL.toSeconds(), TimeUnit.SECONDS);
            if (json.containsKey("error")) {
                throw new AssertionError(method + " failed: " + json.get("error"));
            }
            return (Map<String, Object>) json.get("result");
        } catch (Exception e) {
            throw new AssertionError(method + " did not answer: " + e, e);
        }
    }

    /** The value of a script expression in the page (promises awaited); fails when it throws. */
    @SuppressWarnings("unchecked")
    Object eval(String expression) {
        Map<String, Object> result = call("Runtime.evaluate", new JsonLine().string("expression", expression)
                .raw("returnByValue", "true").raw("awaitPromise", "true").raw("userGesture", "true"));
        if (result.containsKey("exceptionDetails")) {
            throw new AssertionError("script failed: " + expression + "\n" + result.get("exceptionDetails"));
        }
        return ((Map<String, Object>) result.get("result")).get("value");
    }

    String string(String expression) {
        Object v = eval(expression);
        return v == null ? null : v.toString();
    }

    long number(String expression) {
        return ((Number) eval(expression)).longValue();
    }

    /** Waits until the expression is true in the page, or fails after {@code timeout} with what it says. */
    void waitUntil(String condition, Duration timeout) {
        waitUntil(() -> Boolean.TRUE.equals(eval(condition)), timeout, condition);
    }

    void waitUntil(BooleanSupplier condition, Duration timeout, String what) {
        try {
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; console: " + console(), e);
        }
    }

    /** Loads {@code uri} and waits until the page has finished its reads ({@code data-state="idle"}). */
    void open(URI uri) {
        call("Page.navigate", new JsonLine().string("url", "about:blank"));
        waitUntil("location.href === 'about:blank'", Duration.ofSeconds(20));
        call("Page.navigate", new JsonLine().string("url", uri.toString()));
        idle();
    }

    /** Waits until the page's reads started so far have ended. */
    void idle() {
        waitUntil("document.readyState === 'complete' && document.documentElement.dataset.state === 'idle'", Duration.ofSeconds(30));
    }

    /** Waits for the page to finish one more round of reads than it had when {@code action} ran. */
    void andWaitForLoad(Runnable action) {
        long before = loads();
        action.run();
        waitUntil(() -> loads() > before && "idle".equals(string("document.documentElement.dataset.state")),
                Duration.ofSeconds(30), "the page to read again");
    }

    long loads() {
        return Long.parseLong(string("document.documentElement.dataset.loads || '0'"));
    }

    /** Presses and releases a key, as a keyboard would: {@code key} as in KeyboardEvent.key. */
    void press(String key) {
        String code;
        int vk;
        String text;
        switch (key) {
            case "Enter" -> { code = "Enter"; vk = 13; text = "\r"; }
            case "Tab" -> { code = "Tab"; vk = 9; text = null; }
            case "Escape" -> { code = "Escape"; vk = 27; text = null; }
            case "ArrowDown" -> { code = "ArrowDown"; vk = 40; text = null; }
            case "ArrowUp" -> { code = "ArrowUp"; vk = 38; text = null; }
            case "/" -> { code = "Slash"; vk = 191; text = "/"; }
            default -> throw new IllegalArgumentException("no key code for " + key);
        }
        JsonLine down = new JsonLine().string("type", text == null ? "rawKeyDown" : "keyDown").string("key", key).string("code", code)
                .number("windowsVirtualKeyCode", vk).number("nativeVirtualKeyCode", vk);
        if (text != null) {
            down.string("text", text).string("unmodifiedText", text);
        }
        call("Input.dispatchKeyEvent", down);
        call("Input.dispatchKeyEvent", new JsonLine().string("type", "keyUp").string("key", key).string("code", code)
                .number("windowsVirtualKeyCode", vk).number("nativeVirtualKeyCode", vk));
    }

    /** Types text into the focused element. */
    void type(String text) {
        call("Input.insertText", new JsonLine().string("text", text));
    }

    /** A mouse event at page coordinates: mousePressed, mouseMoved or mouseReleased with the left button. */
    void mouse(String type, double x, double y) {
        call("Input.dispatchMouseEvent", new JsonLine().string("type", type).number("x", x).number("y", y)
                .string("button", "left").number("buttons", type.equals("mouseReleased") ? 0 : 1).number("clickCount", 1));
    }

    /** A click in the middle of the first element {@code selector} finds, scrolled into view. */
    void click(String selector) {
        double[] c = centre(selector);
        mouse("mousePressed", c[0], c[1]);
        mouse("mouseReleased", c[0], c[1]);
    }

    @SuppressWarnings("unchecked")
    double[] centre(String selector) {
        List<Object> xy = (List<Object>) eval("(() => { const e = document.querySelector(" + JsonLine.quoted(selector)
                + "); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()");
        return new double[] {((Number) xy.get(0)).doubleValue(), ((Number) xy.get(1)).doubleValue()};
    }

    /** The visible page as PNG. */
    byte[] screenshot() {
        String data = (String) call("Page.captureScreenshot", new JsonLine().string("format", "png")).get("data");
        return Base64.getDecoder().decode(data);
    }

    /** The page's console messages and uncaught errors so far. */
    List<String> console() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser is killed below anyway
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
