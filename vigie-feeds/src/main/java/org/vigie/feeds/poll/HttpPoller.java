package org.vigie.feeds.poll;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.vigie.feeds.FeedFormat;

/**
 * Fetches one URL with conditional requests: the ETag and Last-Modified of the last document that was
 * <em>processed</em> go out as If-None-Match and If-Modified-Since, and 304 means nothing new. Validators of a
 * document are kept only once the connector says it was delivered, so a document the store could not take is
 * fetched again instead of being hidden behind a 304.
 *
 * <p>A body is handed over only when complete: a transfer that ends before its Content-Length, a chunked body
 * cut short, or a gzip stream without its end is a {@link Fetch.Failed}, never a shorter document (a truncated
 * feed would otherwise parse as a feed with fewer records). The whole exchange, body included, has one
 * deadline; bodies over the size limit are refused while they arrive.
 */
public final class HttpPoller implements FeedSource {
    /** Headers the client or this poller sets itself; configuring them would break the exchange. */
    public static final Set<String> RESERVED_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "te", "transfer-encoding", "accept-encoding", "if-none-match", "if-modified-since");

    /**
     * @param headers  sent with every request, e.g. an API key; never shown in {@link #describe()} or logs
     * @param maxBytes the largest body accepted (after gzip decoding too), at most {@link FeedFormat#MAX_DOCUMENT_BYTES}
     */
    public record Settings(URI url, Duration timeout, int maxBytes, Map<String, String> headers) {
        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(timeout, "timeout");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("expected an http:// or https:// URL with a host, got " + redact(url));
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            if (maxBytes < 1 || maxBytes > FeedFormat.MAX_DOCUMENT_BYTES) {
                throw new IllegalArgumentException("maxBytes must be 1.." + FeedFormat.MAX_DOCUMENT_BYTES + ", got " + maxBytes);
            }
            headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
            for (String name : headers.keySet()) {
                if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("header '" + name + "' is set by Vigie itself");
                }
            }
        }

        /** Never prints header values: they are usually credentials. */
        @Override
        public String toString() {
            return "Settings[url=" + redact(url) + ", timeout=" + timeout + ", maxBytes=" + maxBytes
                    + ", headers=" + headers.keySet() + "]";
        }
    }

    private record Validators(String etag, String lastModified) {
        static final Validators NONE = new Validators(null, null);
    }

    private final Settings settings;
    private final HttpClient client;
    private final String described;
    private volatile Validators current = Validators.NONE;
    private volatile Validators pending = Validators.NONE;
    private volatile FeedDocument pendingFor;
    private volatile CompletableFuture<?> inFlight;
    private volatile boolean closed;

    public HttpPoller(Settings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /** @param client closed by {@link #close()} */
    public HttpPoller(Settings settings, HttpClient client) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
        this.described = redact(settings.url());
    }

    @Override
    public Fetch fetch() throws InterruptedException {
        if (closed) {
            return new Fetch.Failed("the poller of " + described + " is stopped");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout()).GET()
                .header("Accept-Encoding", "gzip").header("User-Agent", "Vigie feed poller");
        settings.headers().forEach(request::header);
        Validators v = current;
        if (v.etag() != null) {
            request.header("If-None-Match", v.etag());
        }
        if (v.lastModified() != null) {
            request.header("If-Modified-Since", v.lastModified());
        }
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = client.sendAsync(request.build(), this::bodyFor);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new Fetch.Failed("cannot send a request to " + described + ": " + e.getMessage());
        }
        inFlight = exchange;
        HttpResponse<byte[]> response;
        try {
            if (closed) {
                exchange.cancel(true);
            }
            response = exchange.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Fetch.Failed("no complete answer from " + described + " within " + settings.timeout());
        } catch (CancellationException e) {
            return new Fetch.Failed("the request to " + described + " was abandoned: the poller is stopping");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return new Fetch.Failed(describeFailure(e.getCause()));
        } finally {
            inFlight = null;
        }
        return answer(response);
    }

    private Fetch answer(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 304 || status == 204) {
            return Fetch.NOT_MODIFIED;
        }
        if (status != 200 && status != 203) {
            return new Fetch.Failed("HTTP " + status + " from " + described);
        }
        byte[] body;
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").trim().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "identity", "" -> body = response.body();
            case "gzip", "x-gzip" -> {
                try {
                    body = gunzip(response.body(), settings.maxBytes());
                } catch (EOFException e) {
                    return new Fetch.Failed("truncated body from " + described + ": the gzip stream ends early");
                } catch (IOException e) {
                    return new Fetch.Failed("unreadable gzip body from " + described + ": " + e.getMessage());
                }
            }
            default -> {
                return new Fetch.Failed("unsupported Content-Encoding '" + encoding + "' from " + described
                        + " (Vigie asks for gzip or none)");
            }
        }
        var document = new FeedDocument(described, body);
        pending = new Validators(response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null));
        pendingFor = document;
        return new Fetch.Documents(List.of(document));
    }

    @Override
    public void processed(FeedDocument document) {
        if (document == pendingFor) {
            current = pending;
            pendingFor = null;
        }
    }

    @Override
    public String describe() {
        return described;
    }

    /** Aborts the request in flight (the polling thread's wait ends at once) and the client's connections. */
    @Override
    public void close() {
        closed = true;
        CompletableFuture<?> f = inFlight;
        if (f != null) {
            f.cancel(true);
        }
        client.shutdownNow();
    }

    private HttpResponse.BodySubscriber<byte[]> bodyFor(HttpResponse.ResponseInfo info) {
        if (info.statusCode() != 200 && info.statusCode() != 203) {
            return HttpResponse.BodySubscribers.replacing(new byte[0]);
        }
        return new LimitedBody(settings.maxBytes(), info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    private String describeFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BodyProblem p) {
                return p.getMessage() + " from " + described;
            }
            if (c instanceof EOFException || c instanceof IOException && c.getMessage() != null
                    && c.getMessage().startsWith("fixed content-length:")) {
                // The JDK's client may see the connection close before our body subscriber does, and says so
                // in its own words ("fixed content-length: 180, bytes received: 40").
                return "truncated body from " + described + ": " + c.getMessage();
            }
            if (c instanceof HttpConnectTimeoutException) {
                return "cannot connect to " + described + " within " + settings.timeout();
            }
            if (c instanceof HttpTimeoutException) {
                return "no answer from " + described + " within " + settings.timeout();
            }
            if (c instanceof ConnectException) {
                return "cannot connect to " + described + (c.getMessage() == null ? "" : ": " + c.getMessage());
            }
        }
        return "request to " + described + " failed: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    static byte[] gunzip(byte[] raw, int maxBytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            byte[] out = in.readNBytes(maxBytes);
            if (in.read() != -1) {
                throw new ZipException("the decoded body is larger than " + maxBytes + " bytes");
            }
            return out;
        }
    }

    /** The URL without user info, query or fragment: those carry tokens often enough. */
    public static String redact(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme() + "://";
        String host = url.getHost() == null ? "" : url.getHost();
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return scheme + host + port + path + (url.getRawQuery() == null ? "" : "?…");
    }

    /** The body could not be received whole, said in words for the operator. */
    static final class BodyProblem extends IOException {
        private static final long serialVersionUID = 1L;

        BodyProblem(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Collects a body up to a limit and checks it against its Content-Length. The HTTP client already fails a
     * fixed-length body that ends early; the explicit count also covers HTTP/2, where the length is advisory.
     */
    static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final int maxBytes;
        private final long declared;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private long received;

        LimitedBody(int maxBytes, long declared) {
            this.maxBytes = maxBytes;
            this.declared = declared;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > maxBytes) {
                s.cancel();
                result.completeExceptionally(new BodyProblem("body of " + declared + " bytes refused (the limit is "
                        + maxBytes + ")", null));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
                if (received > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyProblem("body refused: more than " + maxBytes + " bytes", null));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(new BodyProblem("truncated body: the transfer broke off after " + received
                    + (declared >= 0 ? " of " + declared : "") + " bytes (" + t.getMessage() + ")", t));
        }

        @Override
        public void onComplete() {
            if (declared >= 0 && received != declared) {
                result.completeExceptionally(new BodyProblem("truncated body: " + received + " bytes received, "
                        + "Content-Length said " + declared, null));
            } else {
                result.complete(buffer.toByteArray());
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
