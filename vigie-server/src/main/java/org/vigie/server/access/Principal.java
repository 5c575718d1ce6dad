package org.vigie.server.access;

import io.javalin.http.Context;
import java.util.Objects;

/**
 * Who is making a request: an account name and its role, or the anonymous public. The access filter puts it on
 * the request; handlers read it with {@link #of(Context)} for the audit log and for verdicts.
 */
public record Principal(String user, Role role) {
    public static final String ATTRIBUTE = "vigie.principal";
    public static final Principal ANONYMOUS = new Principal("anonymous", Role.PUBLIC);

    public Principal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
    }

    public static Principal of(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        return p == null ? ANONYMOUS : p;
    }
}
