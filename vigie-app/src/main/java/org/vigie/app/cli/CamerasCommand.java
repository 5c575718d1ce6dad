package org.vigie.app.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vigie.app.cluster.ClusterNode;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.stream.Topics;
import org.vigie.stream.cameras.CameraCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cameras", mixinStandardHelpOptions = true,
        description = "The cameras of a city-scale deployment: their files on the vigie.cameras topic, which the video "
                + "workers share.",
        subcommands = {CamerasCommand.Publish.class, CamerasCommand.Remove.class})
public final class CamerasCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The cluster section of a configuration, or a clear error. */
    static VigieConfig.Cluster cluster(Path config) {
        VigieConfig.Cluster c = ConfigLoader.load(config).cluster();
        if (c == null) {
            throw new IllegalArgumentException(config + " has no cluster section: an embedded Vigie reads its cameras "
                    + "from the video section");
        }
        return c;
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Publish every camera file (*.yaml, *.yml) of a folder under its id. A worker running a "
                    + "camera whose file changed restarts it; a new camera is started by the worker its partition "
                    + "belongs to.", "Every file is checked first: one bad file and nothing is published."})
    static final class Publish implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "Folder of camera files.")
        Path dir;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The deployment's configuration (its cluster section).")
        Path config;

        @Override
        public Integer call() throws Exception {
            VigieConfig.Cluster c = cluster(config);
            var topics = new Topics(c.sizes());
            ClusterNode.ensureTopics(c, topics);
            try (var catalog = new CameraCatalog(topics.cameras(), c.bootstrapServers())) {
                Map<String, Path> published = catalog.publishDirectory(dir);
                published.forEach((id, file) -> System.out.println(id + "  " + file));
                System.out.println(published.size() + " camera file(s) published to " + topics.cameras().name());
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a camera: the worker running it stops it, and no worker starts it again.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The camera's id.")
        String id;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The deployment's configuration (its cluster section).")
        Path config;

        @Override
        public Integer call() throws Exception {
            VigieConfig.Cluster c = cluster(config);
            var topics = new Topics(c.sizes());
            try (var catalog = new CameraCatalog(topics.cameras(), c.bootstrapServers())) {
                catalog.remove(id);
            }
            System.out.println("camera " + id + " removed from " + topics.cameras().name());
            return 0;
        }
    }
}
