package org.vigie.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A local account: a name, the PHC string of its password's hash, and a role by its JSON name. The store does not
 * interpret either; the server's access control does.
 */
public record Account(String name, String passwordHash, String role, Instant createdAt, boolean disabled) {
    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The hash stays out of logs and error messages. */
    @Override
    public String toString() {
        return "Account[" + name + ", " + role + (disabled ? ", disabled" : "") + "]";
    }
}
