package org.vigie.server;

import io.javalin.config.RoutesConfig;

/**
 * A set of routes that a capability adds to the server (feeds in and out, Open311, NGSI-LD …), so that each
 * lives in its own class and the server does not grow a constructor argument per feature.
 */
@FunctionalInterface
public interface RouteGroup {
    void register(RoutesConfig routes);
}
