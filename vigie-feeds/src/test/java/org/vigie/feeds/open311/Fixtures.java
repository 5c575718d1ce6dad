package org.vigie.feeds.open311;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The GeoReport v2 specification's examples in {@code ../shared/data/incidents/open311}. */
final class Fixtures {
    static final Path DIR = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/incidents/open311");
    /** Some of the specification's JSON examples write {@code 006}, which strict JSON refuses. */
    static final JsonMapper TOLERANT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS).build();

    private Fixtures() {
    }

    static String text(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of an {@code *.http.txt} example: what follows the first blank line. */
    static String httpBody(String name) {
        String t = text(name).replace("\r\n", "\n");
        return t.substring(t.indexOf("\n\n") + 2);
    }

    static int httpStatus(String name) {
        String first = text(name).lines().findFirst().orElseThrow();
        return Integer.parseInt(first.split(" ")[1]);
    }

    static JsonNode tolerantJson(String text) {
        try {
            return TOLERANT.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
