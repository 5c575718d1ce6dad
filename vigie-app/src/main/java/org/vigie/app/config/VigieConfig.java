package org.vigie.app.config;

import java.nio.file.Path;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.server.open311.Open311Settings;
import org.vigie.store.StoreConfig;

/**
 * Everything one Vigie process needs, read from one YAML file (see {@code docs/configuration.md} and
 * {@code vigie config check FILE}). Defaults make an embedded platform with a SQLite file under {@code vigie-data/}.
 */
public record VigieConfig(Server server, Store store, City city, CorrelationRules correlation, Open311Settings open311) {

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

    /** @param zones a GeoJSON file of district polygons; null means the built-in approximate Marseille */
    public record City(String name, Path zones, String codeProperty, String nameProperty) {
    }

    public static VigieConfig embedded(Path dataDir, int port) {
        return new VigieConfig(new Server("0.0.0.0", port),
                new Store("jdbc:sqlite:" + dataDir.resolve("vigie.db"), null, null, 4, "full"),
                new City("Marseille", null, "code", "nom"), CorrelationRules.defaults(), Open311Settings.defaults());
    }

    public VigieConfig withServer(Server s) {
        return new VigieConfig(s, store, city, correlation, open311);
    }

    public VigieConfig withCity(City c) {
        return new VigieConfig(server, store, c, correlation, open311);
    }

    public VigieConfig withOpen311(Open311Settings o) {
        return new VigieConfig(server, store, city, correlation, o);
    }
}
