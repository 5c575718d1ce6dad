package org.vigie.app.cli;

import java.net.http.HttpRequest;

/**
 * The API key the command line presents to a Vigie server: the environment variable {@value #ENV} (not an option, so
 * it never shows in a process list or a shell history), or the system property {@value #PROPERTY} when Vigie's
 * commands run inside another Java program.
 */
final class ServerKey {
    static final String ENV = "VIGIE_API_KEY";
    static final String PROPERTY = "vigie.api-key";

    private ServerKey() {
    }

    static HttpRequest.Builder authorize(HttpRequest.Builder request) {
        String key = System.getenv(ENV);
        if (key == null || key.isBlank()) {
            key = System.getProperty(PROPERTY);
        }
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key.trim());
        }
        return request;
    }
}
