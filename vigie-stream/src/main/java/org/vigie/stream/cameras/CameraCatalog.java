package org.vigie.stream.cameras;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.vigie.stream.Topics;

/**
 * Publishes the cameras of a city deployment on the cameras topic, where the video workers take them: a camera's
 * file under its id, or a removal. Each call returns once the brokers hold the record ({@code acks=all}, idempotent
 * producer), so an operator who published a folder knows every worker will read it.
 */
public final class CameraCatalog implements AutoCloseable {
    /** The camera ids the camera file reader accepts (vision's {@code CameraConfigReader}), checked here early. */
    private static final Pattern CAMERA_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A top-level {@code id:} key: at the start of a line, so not a nested mapping's id. */
    private static final Pattern TOP_LEVEL_ID = Pattern.compile("(?m)^id:[ \\t]*(.*?)[ \\t]*$");

    private final Topics.Topic<String, String> topic;
    private final KafkaProducer<String, String> producer;

    public CameraCatalog(Topics.Topic<String, String> cameras, String bootstrapServers) {
        this.topic = cameras;
        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vigie-camera-catalog");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(config, cameras.keys().serializer(), cameras.values().serializer());
    }

    /** Publishes a camera's file; the worker that owns the camera starts it, or restarts it if the file changed. */
    public void publish(String cameraId, String cameraFile) {
        checkId(cameraId);
        if (cameraFile == null) {
            throw new IllegalArgumentException("camera " + cameraId + " has no file; remove it instead");
        }
        await(List.of(send(cameraId, cameraFile)));
    }

    /** Removes a camera: its worker stops it, and compaction eventually forgets it. */
    public void remove(String cameraId) {
        checkId(cameraId);
        await(List.of(send(cameraId, null)));
    }

    /**
     * Publishes every {@code *.yaml} and {@code *.yml} file of a folder (not its subfolders) under the camera id of
     * its top-level {@code id:} key. Every file is checked before anything is published: a file without an id, an
     * id the camera file reader would reject, or an id in two files publishes nothing and names every such file.
     *
     * @return camera id → the file published under it
     */
    public SortedMap<String, Path> publishDirectory(Path dir) throws IOException {
        var files = new TreeMap<String, Path>();
        var contents = new TreeMap<String, String>();
        var problems = new ArrayList<String>();
        List<Path> yaml;
        try (Stream<Path> listing = Files.list(dir)) {
            yaml = listing.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
        for (Path f : yaml) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Optional<String> id = cameraId(text);
            if (id.isEmpty()) {
                problems.add(f + ": no top-level 'id:'");
            } else if (!CAMERA_ID.matcher(id.get()).matches()) {
                problems.add(f + ": id '" + id.get() + "' is not letters, digits, '.', '_' or '-' (1 to 64)");
            } else if (files.containsKey(id.get())) {
                problems.add(f + ": id '" + id.get() + "' is also the id of " + files.get(id.get()));
            } else {
                files.put(id.get(), f);
                contents.put(id.get(), text);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("no camera published from " + dir + ": " + String.join("; ", problems));
        }
        var sent = new ArrayList<Future<RecordMetadata>>();
        contents.forEach((id, text) -> sent.add(send(id, text)));
        await(sent);
        return files;
    }

    @Override
    public void close() {
        producer.close();
    }

    /** The value of a camera file's top-level {@code id:} key, without quotes or a trailing comment. */
    static Optional<String> cameraId(String cameraFile) {
        var m = TOP_LEVEL_ID.matcher(cameraFile.startsWith("\uFEFF") ? cameraFile.substring(1) : cameraFile);
        if (!m.find()) {
            return Optional.empty();
        }
        String value = m.group(1);
        if (value.startsWith("\"") || value.startsWith("'")) {
            int end = value.indexOf(value.charAt(0), 1);
            return end > 1 ? Optional.of(value.substring(1, end)) : Optional.empty();
        }
        int comment = value.indexOf(" #");
        value = (comment >= 0 ? value.substring(0, comment) : value).strip();
        return value.isEmpty() || value.startsWith("#") ? Optional.empty() : Optional.of(value);
    }

    private static void checkId(String cameraId) {
        if (cameraId == null || !CAMERA_ID.matcher(cameraId).matches()) {
            throw new IllegalArgumentException(
                    "a camera id is letters, digits, '.', '_' or '-' (1 to 64), got " + cameraId);
        }
    }

    private Future<RecordMetadata> send(String cameraId, String cameraFile) {
        return producer.send(new ProducerRecord<>(topic.name(), cameraId, cameraFile));
    }

    private static void await(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing cameras", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cameras not published: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
