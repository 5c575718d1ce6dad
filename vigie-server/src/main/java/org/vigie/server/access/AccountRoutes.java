package org.vigie.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.vigie.core.json.Json;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.store.Account;

/**
 * {@code /api/v1/accounts}: local accounts, for admins. Passwords are taken, hashed and never given back. A change of
 * role, password or state ends the account's sessions, so it takes effect at once. An admin cannot disable, delete
 * or demote their own account (the way to lock everyone out).
 */
final class AccountRoutes implements RouteGroup {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 1024;

    private final AccessControl access;

    AccountRoutes(AccessControl access) {
        this.access = access;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/accounts", this::list);
        routes.post("/api/v1/accounts", this::create);
        routes.get("/api/v1/accounts/{name}", this::get);
        routes.put("/api/v1/accounts/{name}", this::update);
        routes.delete("/api/v1/accounts/{name}", this::delete);
    }

    private void list(Context ctx) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        access.accounts().list().forEach(a -> items.add(json(a)));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("items", items);
        ctx.json(body);
    }

    private void get(Context ctx) {
        ctx.json(json(find(ctx.pathParam("name"))));
    }

    private void create(Context ctx) {
        JsonNode body = Requests.jsonObject(ctx);
        var errors = new ArrayList<Map<String, Object>>();
        String name = body.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            errors.add(Requests.fieldError("name", "expected 1..64 lower-case letters, digits, '.', '_' or '-'"));
        }
        Role role = role(body.get("role"), errors);
        String password = password(body.get("password"), true, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("the account has " + errors.size() + " invalid field(s)", errors);
        }
        var account = new Account(name, access.hasher().hash(password), role.jsonName(), access.clock().instant(), false);
        if (!access.accounts().create(account)) {
            throw new ApiError(409, "account-exists", "an account is already named '" + name + "'");
        }
        access.audit().record(Principal.of(ctx), "account.create", name, "role " + role.jsonName());
        ctx.status(201).json(json(account));
    }

    /** Body: any of {@code role}, {@code password}, {@code disabled}. */
    private void update(Context ctx) {
        Account old = find(ctx.pathParam("name"));
        JsonNode body = Requests.jsonObject(ctx);
        var errors = new ArrayList<Map<String, Object>>();
        Role role = body.has("role") ? role(body.get("role"), errors) : Role.fromJson(old.role()).orElse(null);
        String password = body.has("password") ? password(body.get("password"), true, errors) : null;
        boolean disabled = old.disabled();
        if (body.has("disabled")) {
            if (!body.get("disabled").isBoolean()) {
                errors.add(Requests.fieldError("disabled", "must be true or false"));
            } else {
                disabled = body.get("disabled").asBoolean();
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("the change has " + errors.size() + " invalid field(s)", errors);
        }
        Principal who = Principal.of(ctx);
        if (old.name().equals(who.user()) && (disabled || role != Role.ADMIN)) {
            throw new ApiError(409, "own-account", "an admin cannot disable or demote their own account");
        }
        var changed = new Account(old.name(), password == null ? old.passwordHash() : access.hasher().hash(password),
                role == null ? old.role() : role.jsonName(), old.createdAt(), disabled);
        access.accounts().update(changed);
        access.sessions().closeAllOf(old.name());
        var what = new ArrayList<String>();
        if (!changed.role().equals(old.role())) {
            what.add("role " + old.role() + " → " + changed.role());
        }
        if (password != null) {
            what.add("password changed");
        }
        if (disabled != old.disabled()) {
            what.add(disabled ? "disabled" : "enabled");
        }
        access.audit().record(who, "account.update", old.name(), String.join("; ", what));
        ctx.json(json(changed));
    }

    private void delete(Context ctx) {
        Account old = find(ctx.pathParam("name"));
        Principal who = Principal.of(ctx);
        if (old.name().equals(who.user())) {
            throw new ApiError(409, "own-account", "an admin cannot delete their own account");
        }
        access.accounts().delete(old.name());
        access.sessions().closeAllOf(old.name());
        access.audit().record(who, "account.delete", old.name(), "role " + old.role());
        ctx.status(204);
    }

    private Account find(String name) {
        return access.accounts().find(name).orElseThrow(() -> ApiError.notFound("no account '" + name + "'"));
    }

    private static Role role(JsonNode node, List<Map<String, Object>> errors) {
        Role role = node != null && node.isTextual() ? Role.fromJson(node.asText()).filter(Role::isForAccounts).orElse(null)
                : null;
        if (role == null) {
            errors.add(Requests.fieldError("role", "must be one of operator, supervisor, auditor, admin"));
        }
        return role;
    }

    private static String password(JsonNode node, boolean required, List<Map<String, Object>> errors) {
        if (node == null && !required) {
            return null;
        }
        if (node == null || !node.isTextual() || node.asText().length() < MIN_PASSWORD || node.asText().length() > MAX_PASSWORD) {
            errors.add(Requests.fieldError("password", "must be " + MIN_PASSWORD + ".." + MAX_PASSWORD + " characters"));
            return null;
        }
        return node.asText();
    }

    private static ObjectNode json(Account a) {
        return Json.MAPPER.createObjectNode().put("name", a.name()).put("role", a.role())
                .put("createdAt", a.createdAt().toString()).put("disabled", a.disabled());
    }
}
