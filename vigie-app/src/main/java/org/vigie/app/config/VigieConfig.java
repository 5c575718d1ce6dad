package org.vigie.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.vigie.core.anomaly.AnomalySettings;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.store.StoreConfig;

/**
 * Everything one Vigie process needs, read from one YAML file (see {@code docs/configuration.md} and
 * {@code vigie config check FILE}). Defaults make an embedded platform with a SQLite file under {@code vigie-data/}.
 */
public record VigieConfig(Server server, Store store, City city, CorrelationRules correlation, Anomalies anomalies) {

    public VigieConfig(Server server, Store store, City city, CorrelationRules correlation) {
        this(server, store, city, correlation, Anomalies.defaults());
    }

    public record Server(String host, int port) {
    }

    /**
     * @param url         a JDBC URL: {@code jdbc:sqlite:FILE} (embedded) or {@code jdbc:postgresql://…}
     * @param synchronous SQLite only: full (default, survives power loss) or normal (survives a crash of the process)
     */
    public record Store(String url, String user, String password, int poolSize, String synchronous) {
        /** The store's own settings, with this many connections at most. */
        public StoreConfig toStoreConfig(int maxPoolSize) {
            return new StoreConfig(url, user, password, maxPoolSize, synchronous.equals("full"));
        }
    }

    /**
     * @param zones    a GeoJSON file of district polygons; null means the built-in approximate Marseille
     * @param timeZone the city's wall clock, which weekly rhythms (anomaly baselines) follow
     */
    public record City(String name, Path zones, String codeProperty, String nameProperty, ZoneId timeZone) {
        public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Europe/Paris");

        public City(String name, Path zones, String codeProperty, String nameProperty) {
            this(name, zones, codeProperty, nameProperty, DEFAULT_TIME_ZONE);
        }
    }

    /** How anomaly baselines cut the city: its districts, or H3 cells at {@code zoneResolution}. */
    public enum AnomalyZones {
        DISTRICTS, CELLS
    }

    /**
     * Anomaly baselines run live ({@code org.vigie.app.anomaly.AnomalyMonitor}).
     *
     * @param lateness how long after an hour ends it is tested, so reports that arrive a little late still count
     */
    public record Anomalies(boolean enabled, AnomalyZones zones, int zoneResolution, AnomalySettings settings,
                            Duration lateness) {
        public static Anomalies defaults() {
            return new Anomalies(true, AnomalyZones.DISTRICTS, 7, AnomalySettings.defaults(), Duration.ofMinutes(15));
        }
    }

    public static VigieConfig embedded(Path dataDir, int port) {
        return new VigieConfig(new Server("0.0.0.0", port),
                new Store("jdbc:sqlite:" + dataDir.resolve("vigie.db"), null, null, 4, "full"),
                new City("Marseille", null, "code", "nom"), CorrelationRules.defaults());
    }

    public VigieConfig withServer(Server s) {
        return new VigieConfig(s, store, city, correlation, anomalies);
    }

    public VigieConfig withCity(City c) {
        return new VigieConfig(server, store, c, correlation, anomalies);
    }

    public VigieConfig withAnomalies(Anomalies a) {
        return new VigieConfig(server, store, city, correlation, a);
    }
}
