package org.vigie.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.vigie.core.accountability.Evaluation;
import org.vigie.core.json.Json;
import org.vigie.store.EvaluationRepository;
import org.vigie.store.Store;

/**
 * An evaluation result written by {@code vigie video eval} or {@code vigie audio eval} (see {@link Evaluation#fromJson}
 * for the format), recorded in the store's registry. The eval commands can call {@link #record} with their own
 * result once they have written it.
 */
public final class EvaluationFile {
    private EvaluationFile() {
    }

    /**
     * @param overrides detector, version, dataset or runAt given on the command line, which win over the file's
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static Evaluation read(Path file, Map<String, String> overrides) throws IOException {
        try {
            return Evaluation.fromJson(Json.MAPPER.readTree(Files.readString(file)), overrides);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static EvaluationRepository.Stored record(Store store, Path file, Map<String, String> overrides) throws IOException {
        return store.evaluations().add(read(file, overrides));
    }
}
