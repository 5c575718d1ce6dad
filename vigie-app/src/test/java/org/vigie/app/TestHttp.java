package org.vigie.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigie.core.json.Json;
import org.vigie.server.access.Role;

/**
 * A tiny HTTP client for tests against a server on a random port. By default it presents the supervisor's test API
 * key ({@link TestAccess}); {@link #as(Role)}, {@link #anonymous()} and {@link #withHeaders} make others.
 */
final class TestHttp {
    record Response(int status, String body, String contentType, java.net.http.HttpHeaders headers) {
        Response(int status, String body, String contentType) {
            this(status, body, contentType, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> headers;

    TestHttp(String base) {
        this(base, Map.of("Authorization", TestAccess.BEARER));
    }

    private TestHttp(String base, Map<String, String> headers) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.headers = Map.copyOf(headers);
    }

    /** The same server, with the test API key of a role. */
    TestHttp as(Role role) {
        return new TestHttp(base, Map.of("Authorization", TestAccess.bearer(role)));
    }

    /** The same server, without credentials. */
    TestHttp anonymous() {
        return new TestHttp(base, Map.of());
    }

    /** The same server, with exactly these headers (a session cookie and its CSRF token, say). */
    TestHttp withHeaders(Map<String, String> h) {
        return new TestHttp(base, new LinkedHashMap<>(h));
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, String body) {
        return post(path, body, "application/json");
    }

    Response post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response send(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(HttpRequest.Builder b) {
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
