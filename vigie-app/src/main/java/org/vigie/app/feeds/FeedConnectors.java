package org.vigie.app.feeds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.json.Json;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.poll.ConnectorStatus;
import org.vigie.feeds.poll.DirectorySource;
import org.vigie.feeds.poll.FeedConnector;
import org.vigie.feeds.poll.FeedSink;
import org.vigie.feeds.poll.FeedSource;
import org.vigie.feeds.poll.HttpPoller;
import org.vigie.server.HealthContribution;

/**
 * The feeds this process fetches itself ({@code feeds.connectors} in the configuration), started after the
 * server and stopped before anything they deliver to. Reports each connector under {@code checks.feeds} of
 * {@code /health}; a failing feed makes that check {@code degraded}, never the process {@code down}.
 */
public final class FeedConnectors implements HealthContribution, AutoCloseable {
    private final List<FeedConnector> connectors;

    private FeedConnectors(List<FeedConnector> connectors) {
        this.connectors = List.copyOf(connectors);
    }

    /**
     * Every connector whose format is not among {@code formats}, as {@code file:line: key: message} naming the
     * formats there are. Empty when all is well.
     */
    public static List<String> check(VigieConfig.Feeds feeds, List<FeedFormat> formats) {
        var known = formats.stream().map(FeedFormat::name).collect(Collectors.toCollection(TreeSet::new));
        var problems = new ArrayList<String>();
        for (VigieConfig.Connector c : feeds.connectors()) {
            if (!known.contains(c.format())) {
                problems.add((c.origin().isEmpty() ? "feeds: connector " + c.name() : c.origin()) + ": unknown feed format '"
                        + c.format() + "'; " + (known.isEmpty() ? "this build reads no feed format" : "expected one of " + known));
            }
        }
        return problems;
    }

    /** @throws IllegalArgumentException naming the connectors whose format is unknown */
    public static FeedConnectors build(VigieConfig.Feeds feeds, List<FeedFormat> formats, FeedSink sink,
                                       MeterRegistry metrics, InstantSource clock) {
        List<String> problems = check(feeds, formats);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        Map<String, FeedFormat> byName = formats.stream().collect(Collectors.toMap(FeedFormat::name, Function.identity(),
                (a, b) -> a, TreeMap::new));
        var built = new ArrayList<FeedConnector>();
        var random = new SplittableRandom();
        try {
            for (VigieConfig.Connector c : feeds.connectors()) {
                FeedSource source = c.watchesFolder() ? new DirectorySource(Path.of(c.url()), c.maxBytes())
                        : new HttpPoller(new HttpPoller.Settings(c.url(), c.timeout(), c.maxBytes(), c.headers()));
                built.add(new FeedConnector(new FeedConnector.Settings(c.name(), c.source(), c.interval(), c.maxBackoff()),
                        byName.get(c.format()), source, sink, metrics, clock, random.split()));
            }
        } catch (RuntimeException e) {
            built.forEach(FeedConnector::close);
            throw e;
        }
        return new FeedConnectors(built);
    }

    public void start() {
        connectors.forEach(FeedConnector::start);
    }

    public List<FeedConnector> connectors() {
        return connectors;
    }

    /** Signals every connector first, so they wind down together, then waits for each. */
    @Override
    public void close() {
        connectors.forEach(FeedConnector::stop);
        connectors.forEach(FeedConnector::close);
    }

    @Override
    public String name() {
        return "feeds";
    }

    @Override
    public ObjectNode check() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = Json.MAPPER.createArrayNode();
        boolean failing = false;
        for (FeedConnector c : connectors) {
            ConnectorStatus s = c.status();
            failing |= s.state().equals("failing");
            ObjectNode n = list.addObject();
            n.put("name", s.name());
            n.put("format", s.format());
            n.put("source", s.source());
            n.put("state", s.state());
            n.put("consecutiveFailures", s.consecutiveFailures());
            n.put("lastOutcome", s.lastOutcome() == null ? null : s.lastOutcome().tag());
            time(n, "lastAttempt", s.lastAttempt());
            time(n, "lastSuccess", s.lastSuccess());
            time(n, "newestEvent", s.newestEvent());
            time(n, "nextPollAt", s.nextPollAt());
            n.put("lastError", s.lastError());
            time(n, "lastErrorAt", s.lastErrorAt());
        }
        body.put("status", failing ? "degraded" : "up");
        body.set("connectors", list);
        return body;
    }

    private static void time(ObjectNode n, String name, Instant t) {
        n.put(name, t == null ? null : t.toString());
    }
}
