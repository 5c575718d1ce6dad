package org.vigie.server.live;

import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.IncidentListener;
import org.vigie.core.json.IncidentJson;

/**
 * Pushes incident changes to browsers over server-sent events. The correlator calls {@link #onChanges} on its
 * writer thread; sending happens on a thread of our own so a slow browser never slows correlation. If that
 * thread falls too far behind, clients get a {@code resync} event and reload the list instead of a gap.
 */
public final class LiveUpdates implements IncidentListener, AutoCloseable {
    private static final int MAX_PENDING = 1_000;

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_PENDING), r -> Thread.ofPlatform().name("sse-sender").daemon(true).unstarted(r));
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean resyncPending = new AtomicBoolean();
    private volatile boolean closed;

    public void register(SseClient client) {
        if (closed) {
            client.close(); // shutting down: the browser's EventSource will reconnect to the next instance
            return;
        }
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("connected");
    }

    @Override
    public void onChanges(List<IncidentChange> changes) {
        if (clients.isEmpty()) {
            return;
        }
        var payloads = changes.stream().map(c -> IncidentJson.writeSummary(c.incident()).put("change", c.kind().name().toLowerCase(java.util.Locale.ROOT))
                .toString()).toList();
        try {
            sender.execute(() -> {
                if (resyncPending.getAndSet(false)) {
                    broadcast("resync", "{}");
                }
                payloads.forEach(p -> broadcast("incident", p));
            });
        } catch (RejectedExecutionException e) {
            resyncPending.set(true);
        }
    }

    private void broadcast(String event, String data) {
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
                continue;
            }
            try {
                c.sendEvent(event, data);
                sent.incrementAndGet();
            } catch (RuntimeException e) {
                clients.remove(c);
            }
        }
    }

    public int clientCount() {
        return clients.size();
    }

    public long messagesSent() {
        return sent.get();
    }

    /**
     * Ends every stream. Call it before the HTTP server stops: a stream is a request that never finishes on its
     * own, so the server would wait for it, and closing it after the server has recycled the request fails.
     */
    @Override
    public void close() {
        closed = true;
        sender.shutdown();
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // the browser went away at the same moment: nothing left to end
            }
        }
        clients.clear();
    }
}
