package org.vigie.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.vigie.core.json.Json;

/**
 * A record value as UTF-8 JSON, through the same writers and readers as the HTTP API, so a topic can be read with
 * {@code kafka-console-consumer} and a payload means the same thing everywhere. A null value (a tombstone) stays
 * null both ways. A value that cannot be read fails with the topic's name and what was wrong: the Streams
 * application's deserialization handler then sends the record to the quarantine topic instead of stopping.
 */
public final class JsonSerde<T> implements Serde<T> {
    private final String what;
    private final Function<T, JsonNode> write;
    private final Function<JsonNode, T> read;

    /**
     * @param what  what one value is, for error messages ("event", "incident change")
     * @param write the value as JSON
     * @param read  the value back; throws {@link IllegalArgumentException} naming what was wrong
     */
    public JsonSerde(String what, Function<T, JsonNode> write, Function<JsonNode, T> read) {
        this.what = what;
        this.write = write;
        this.read = read;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return Json.MAPPER.writeValueAsBytes(write.apply(value));
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot write a " + what + " to " + topic, e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new SerializationException("a record of " + topic + " is not JSON: " + e.getMessage(), e);
            }
            try {
                return read.apply(node);
            } catch (IllegalArgumentException e) {
                throw new SerializationException("a record of " + topic + " is not a valid " + what + ": "
                        + e.getMessage(), e);
            }
        };
    }
}
