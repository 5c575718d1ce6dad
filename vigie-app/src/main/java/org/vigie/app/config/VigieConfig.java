package org.vigie.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.model.SourceKind;
import org.vigie.core.priority.Reliabilities;
import org.vigie.core.priority.VulnerablePlace;
import org.vigie.core.sop.Procedures;
import org.vigie.store.StoreConfig;

/**
 * Everything one Vigie process needs, read from one YAML file (see {@code docs/configuration.md} and
 * {@code vigie config check FILE}). Defaults make an embedded platform with a SQLite file under {@code vigie-data/}.
 */
public record VigieConfig(Server server, Store store, City city, CorrelationRules correlation, Fusion fusion) {

    /** Configuration without a {@code fusion} section: the shipped reliabilities and procedures, no place. */
    public VigieConfig(Server server, Store store, City city, CorrelationRules correlation) {
        this(server, store, city, correlation, Fusion.defaults());
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

    /** @param zones a GeoJSON file of district polygons; null means the built-in approximate Marseille */
    public record City(String name, Path zones, String codeProperty, String nameProperty) {
    }

    /**
     * How incidents are assessed and handled.
     *
     * @param reliabilityPriors reliability of kinds of source before any verdict (others: the shipped values)
     * @param priorStrength     how many verdicts those priors are worth
     * @param places            vulnerable places, transit stations included
     * @param procedures        the checklist of each incident type
     */
    public record Fusion(Map<SourceKind, Double> reliabilityPriors, double priorStrength, List<VulnerablePlace> places,
                         Procedures procedures) {
        public Fusion {
            reliabilityPriors = Map.copyOf(reliabilityPriors);
            places = List.copyOf(places);
        }

        public static Fusion defaults() {
            return new Fusion(Map.of(), Reliabilities.DEFAULT_PRIOR_STRENGTH, List.of(), Procedures.shipped());
        }
    }

    public static VigieConfig embedded(Path dataDir, int port) {
        return new VigieConfig(new Server("0.0.0.0", port),
                new Store("jdbc:sqlite:" + dataDir.resolve("vigie.db"), null, null, 4, "full"),
                new City("Marseille", null, "code", "nom"), CorrelationRules.defaults());
    }

    public VigieConfig withServer(Server s) {
        return new VigieConfig(s, store, city, correlation, fusion);
    }

    public VigieConfig withCity(City c) {
        return new VigieConfig(server, store, c, correlation, fusion);
    }

    public VigieConfig withFusion(Fusion f) {
        return new VigieConfig(server, store, city, correlation, f);
    }

    public VigieConfig withCorrelation(CorrelationRules c) {
        return new VigieConfig(server, store, city, c, fusion);
    }
}
