package dev.spool.alert;

import dev.spool.spi.Options;
import dev.spool.spi.support.DaemonThreads;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Posts a notification as JSON ({@link NotificationFormat#json}) to an HTTP(S) URL with the configured
 * headers. A 2xx status is delivered; 408, 429 and 5xx, timeouts and connection errors may be retried;
 * other statuses are final. HTTP/1.1, no redirects followed.
 */
final class WebhookAction implements AlertAction {

    /** Headers the HTTP client sets itself and refuses. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final URI uri;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final Secrets secrets;
    private final String target;
    private final ExecutorService executor;
    private final HttpClient client;

    WebhookAction(URI uri, Duration timeout, Map<String, String> headers) {
        this.uri = uri;
        this.timeout = timeout;
        this.headers = Map.copyOf(headers);
        List<String> secret = new ArrayList<>(headers.values());
        secret.add(uri.toString());
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
            secret.add(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            secret.add(uri.getRawQuery());
        }
        if (uri.getRawUserInfo() != null) {
            secret.add(uri.getRawUserInfo());
        }
        this.secrets = new Secrets(secret);
        this.target = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("spool-alert-http"));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).executor(executor).build();
    }

    /** Reads {@code webhook.url}, {@code webhook.timeout} and {@code webhook.header.NAME} from a rule's options. */
    static WebhookAction parse(Options o) {
        String url = o.string("webhook.url");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad value for key '" + o.prefix()
                    + "webhook.url' (not shown, it may hold a token): expected an http:// or https:// URL: "
                    + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("bad value for key '" + o.prefix()
                    + "webhook.url' (not shown, it may hold a token): expected an http:// or https:// URL with a host");
        }
        Duration timeout = o.duration("webhook.timeout", Duration.ofSeconds(10));
        if (timeout.isZero() || timeout.isNegative()) {
            throw o.bad("webhook.timeout", o.string("webhook.timeout"), "a positive duration such as 10s");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : o.asMap().entrySet()) {
            if (!e.getKey().startsWith("webhook.header.")) {
                continue;
            }
            String name = e.getKey().substring("webhook.header.".length());
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("bad header name in key '" + o.prefix() + e.getKey()
                        + "': expected an HTTP token other than " + RESTRICTED);
            }
            if (e.getValue().chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
                throw new IllegalArgumentException("bad value '" + Secrets.MASK + "' for key '" + o.prefix()
                        + e.getKey() + "': expected a header value without control characters");
            }
            headers.put(name, e.getValue());
        }
        return new WebhookAction(uri, timeout, headers);
    }

    @Override
    public void deliver(AlertRule rule, Notification n) throws DeliveryException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(NotificationFormat.json(rule, n), StandardCharsets.UTF_8));
        boolean contentType = false;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            request.header(h.getKey(), h.getValue());
            contentType |= h.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!contentType) {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryException("POST to " + target + " failed: " + secrets.describe(e), true);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            boolean retryable = status == 408 || status == 429 || status >= 500;
            throw new DeliveryException("POST to " + target + " answered HTTP " + status, retryable);
        }
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
