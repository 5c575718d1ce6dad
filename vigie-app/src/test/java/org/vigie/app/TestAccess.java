package org.vigie.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.vigie.app.config.VigieConfig;
import org.vigie.server.access.AccessSettings;
import org.vigie.server.access.Role;

/**
 * Credentials for tests against a platform with access control on: one API key per role (the configuration holds
 * only their hashes, as in production). {@link TestHttp} sends the supervisor's key unless told otherwise, since a
 * supervisor may do everything the older API tests do.
 */
public final class TestAccess {
    private TestAccess() {
    }

    /** The key of a role, e.g. {@code test-key-operator-…}. */
    public static String key(Role role) {
        return "test-key-" + role.jsonName() + "-0123456789abcdef";
    }

    public static String bearer(Role role) {
        return "Bearer " + key(role);
    }

    /** The supervisor's header, for tests that build requests themselves. */
    public static final String BEARER = bearer(Role.SUPERVISOR);

    /** The configuration with a key for every role but the public one, named {@code test-ROLE}. */
    public static VigieConfig withTestKeys(VigieConfig config) {
        var keys = new ArrayList<>(config.access().keys());
        for (Role r : Role.values()) {
            if (r != Role.PUBLIC) {
                keys.add(new AccessSettings.MachineKey("test-" + r.jsonName(), r, sha256(key(r))));
            }
        }
        return config.withAccess(config.access().withKeys(List.copyOf(keys)));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
