package org.vigie.server.open311;

import java.util.List;
import java.util.Objects;
import org.vigie.feeds.open311.ServiceCatalog;

/**
 * How this city answers as a GeoReport server.
 *
 * @param jurisdictionId the {@code jurisdiction_id} clients may send; another one is refused. Null: any is accepted
 * @param apiKeys        keys given to partner applications; a request can only be created with one of them
 * @param webFormKey     the key the citizen report page ({@code /report.html}) posts with; null closes the page.
 *                       It is not a secret (every visitor of the page receives it), see {@link Open311Routes}
 * @param contact        how developers reach the city, for {@code discovery}; may be null
 * @param keyService     how a developer obtains a key, for {@code discovery}; may be null
 */
public record Open311Settings(String jurisdictionId, List<String> apiKeys, String webFormKey, String contact,
                              String keyService, ServiceCatalog services) {
    /** Guessing a key of this length is hopeless; a shorter one would be a password. */
    public static final int MIN_KEY_LENGTH = 16;

    public Open311Settings {
        apiKeys = List.copyOf(apiKeys);
        Objects.requireNonNull(services, "services");
        for (String k : apiKeys) {
            checkKey("an api key", k);
        }
        if (webFormKey != null) {
            checkKey("the web form key", webFormKey);
        }
    }

    private static void checkKey(String what, String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException(what + " must be at least " + MIN_KEY_LENGTH
                    + " characters without spaces");
        }
    }

    /** No keys: the services and requests can be read, but nothing can be posted until keys are configured. */
    public static Open311Settings defaults() {
        return new Open311Settings(null, List.of(), null, null, null, ServiceCatalog.defaults());
    }

    /** Keys end up in logs with the configuration: never print them. */
    @Override
    public String toString() {
        return "Open311Settings[jurisdictionId=" + jurisdictionId + ", apiKeys=" + apiKeys.size() + " key(s), webForm="
                + (webFormKey == null ? "closed" : "open") + ", services=" + services.services().size() + "]";
    }
}
