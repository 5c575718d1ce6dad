package org.vigie.feeds.poll;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/** A local HTTP server that answers each request with the next scripted answer, and remembers the requests. */
final class ScriptedServer implements AutoCloseable {
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    final List<Headers> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestHeaders());
            Answer next = script.poll();
            try {
                if (next == null) {
                    send(exchange, 599, null, new byte[0]);
                } else {
                    next.answer(exchange);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    ScriptedServer then(Answer a) {
        script.add(a);
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed?key=secret");
    }

    static Answer ok(String body, String etag) {
        return ex -> send(ex, 200, etag, body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer status(int code) {
        return ex -> send(ex, code, null, new byte[0]);
    }

    /** Announces {@code body}'s full length but sends only its first {@code sent} bytes, then closes. */
    static Answer truncated(String body, int sent) {
        return ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            OutputStream out = ex.getResponseBody();
            out.write(b, 0, sent);
            out.flush();
            // A handler that fails makes the JDK server close the connection: the client sees the body end early.
            throw new IOException("truncating the body on purpose");
        };
    }

    static void send(HttpExchange ex, int code, String etag, byte[] body) throws IOException {
        if (etag != null) {
            ex.getResponseHeaders().add("ETag", etag);
        }
        ex.sendResponseHeaders(code, code == 304 || body.length == 0 ? -1 : body.length);
        if (body.length > 0 && code != 304) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
