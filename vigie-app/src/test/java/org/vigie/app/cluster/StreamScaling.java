package org.vigie.app.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.vigie.app.sim.CityLoad;
import org.vigie.app.sim.CityScale;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.priority.Triage;
import org.vigie.stream.EmbeddedKafka;
import org.vigie.stream.Topics;
import org.vigie.stream.correlate.CorrelationService;
import org.vigie.stream.correlate.StreamsSettings;

/**
 * How the Kafka Streams correlator scales with its threads and partitions on this machine: the same simulated
 * Marseille load (all sources, 2,000 cameras, 100 sensors) through a fresh in-JVM KRaft broker and a correlator
 * with 1, 2 and 4 stream threads and as many correlation partitions. Each event is timed from the moment the broker
 * acknowledged it to the moment the change that added it to an incident is readable ({@code read_committed}) on
 * {@code vigie.incidents}. Throughput is events over the wall time from the first send to the last change seen.
 * Ratios are against the first configuration of the same run. Run with {@code bench/cluster.sh}.
 *
 * <p>Arguments: hours of simulated day (default 24), rate multiplier (default 1), thread counts (default 1,2,4), and
 * the rate to send at in events per second (default 0: as fast as the broker takes them, which measures throughput;
 * latencies are then mostly the time spent queued behind the backlog, so measure them at a set rate).
 */
public final class StreamScaling {
    private StreamScaling() {
    }

    public static void main(String[] args) throws Exception {
        double hours = args.length > 0 ? Double.parseDouble(args[0]) : 24;
        double multiplier = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        int[] threads = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2, 4};
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        Instant now = Instant.now();
        var load = CityLoad.endingAt(Marseille.approximateCity(), 7, CityScale.city(2000, 100, multiplier), now,
                Duration.ofMinutes((long) (hours * 60)));
        var events = new ArrayList<Event>();
        for (List<Event> b = load.next(10_000, now); !b.isEmpty(); b = load.next(10_000, now)) {
            events.addAll(b);
        }
        System.err.printf("%d events over %.1f simulated hours (multiplier %.1f), %d cores, sent %s%n", events.size(),
                hours, multiplier, Runtime.getRuntime().availableProcessors(),
                rate > 0 ? "at " + rate + " events/s" : "as fast as possible");
        double base = 0;
        for (int t : threads) {
            Result r = run(events, t, rate);
            if (base == 0) {
                base = r.eventsPerSecond;
            }
            System.out.printf("threads=partitions=%d  %,.0f events/s (%.2fx)  latency p50 %.0f ms  p99 %.0f ms  "
                            + "max %.0f ms  wall %.1f s%n", t, r.eventsPerSecond, r.eventsPerSecond / base, r.p50, r.p99,
                    r.max, r.wallSeconds);
        }
    }

    record Result(double eventsPerSecond, double p50, double p99, double max, double wallSeconds) {
    }

    static Result run(List<Event> events, int threads, double rate) throws Exception {
        Path state = Files.createTempDirectory("vigie-scaling");
        try (var kafka = new EmbeddedKafka()) {
            var topics = new Topics(new Topics.Sizes(threads, threads, threads, 4, (short) 1));
            CorrelationRules rules = CorrelationRules.defaults();
            var partitioner = new Partitioner(6, threads, Math.max(Partitioner.marginFor(rules), 1000));
            var settings = new StreamsSettings("vigie-scaling", kafka.bootstrapServers(), threads, state);
            try (var correlator = new CorrelationService(settings, topics, rules, partitioner, Triage::standard)) {
                correlator.start();
                awaitRunning(correlator);
                Map<EventId, Long> acked = new ConcurrentHashMap<>(events.size() * 2);
                Map<EventId, Long> seen = new HashMap<>(events.size() * 2);
                var consumer = incidents(kafka.bootstrapServers(), topics);
                var producer = producer(kafka.bootstrapServers(), topics);
                long start = System.nanoTime();
                var failures = new AtomicLong();
                Thread sender = Thread.ofPlatform().start(() -> {
                    long n = 0;
                    for (Event e : events) {
                        if (rate > 0) {
                            long due = start + (long) (n++ * 1e9 / rate);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        producer.send(new ProducerRecord<>(topics.events().name(), null, e.occurredAt().toEpochMilli(),
                                e.id().toString(), e), (meta, error) -> {
                                    if (error == null) {
                                        acked.put(e.id(), System.nanoTime());
                                    } else {
                                        failures.incrementAndGet();
                                    }
                                });
                    }
                    producer.flush();
                });
                long last = start;
                // Gives up once nothing new arrived for a minute after the last send.
                while (seen.size() < events.size() && (sender.isAlive() || System.nanoTime() - last < 60e9)) {
                    for (var r : consumer.poll(Duration.ofMillis(200))) {
                        long at = System.nanoTime();
                        for (EventId id : r.value().addedEvents()) {
                            if (seen.putIfAbsent(id, at) == null) {
                                last = at;
                            }
                        }
                    }
                }
                sender.join();
                producer.close();
                consumer.close();
                if (seen.size() < events.size() || failures.get() > 0) {
                    var missing = events.stream().filter(e -> !seen.containsKey(e.id())).limit(5)
                            .map(e -> e.type().jsonName() + " " + e.occurredAt() + " " + e.location().lat() + ","
                                    + e.location().lon() + " route " + partitioner.route(e).owner() + "/"
                                    + Arrays.toString(partitioner.route(e).replicas())).toList();
                    throw new IllegalStateException("only " + seen.size() + " of " + events.size()
                            + " events reached an incident; " + failures.get() + " sends failed; missing: " + missing);
                }
                double[] latencies = new double[events.size()];
                int i = 0;
                for (Event e : events) {
                    latencies[i++] = (seen.get(e.id()) - acked.getOrDefault(e.id(), start)) / 1e6;
                }
                Arrays.sort(latencies);
                double wall = (last - start) / 1e9;
                return new Result(events.size() / wall, latencies[latencies.length / 2],
                        latencies[(int) (latencies.length * 0.99)], latencies[latencies.length - 1], wall);
            }
        }
    }

    private static void awaitRunning(CorrelationService correlator) throws InterruptedException {
        for (int i = 0; i < 600 && correlator.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING; i++) {
            Thread.sleep(100);
        }
    }

    private static KafkaConsumer<String, IncidentChange> incidents(String bootstrap, Topics topics) {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "scaling-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var c = new KafkaConsumer<>(p, topics.incidents().keys().deserializer(), topics.incidents().values().deserializer());
        c.subscribe(List.of(topics.incidents().name()));
        while (c.assignment().isEmpty()) {
            c.poll(Duration.ofMillis(100)); // joined before the first event is sent, so no latency counts the join
        }
        return c;
    }

    private static KafkaProducer<String, Event> producer(String bootstrap, Topics topics) {
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, topics.events().keys().serializer(), topics.events().values().serializer());
    }
}
