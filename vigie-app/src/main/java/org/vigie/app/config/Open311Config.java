package org.vigie.app.config;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import org.vigie.core.config.YamlTree;
import org.vigie.core.model.EventType;
import org.vigie.feeds.open311.Service;
import org.vigie.feeds.open311.ServiceAttribute;
import org.vigie.feeds.open311.ServiceCatalog;
import org.vigie.server.open311.Open311Settings;

/** The {@code open311:} section of the configuration, read like the others: every problem with its line. */
final class Open311Config {
    private Open311Config() {
    }

    /** {@code open311:} the GeoReport server's keys and, optionally, a service list replacing the default one. */
    static Open311Settings read(YamlTree o) {
        Open311Settings defaults = Open311Settings.defaults();
        var keys = new ArrayList<String>();
        for (String k : o.strings("api-keys")) {
            if (k.length() < Open311Settings.MIN_KEY_LENGTH || k.chars().anyMatch(ch -> ch <= ' ')) {
                o.problem(o.node(), o.path() + ".api-keys", "each key must be at least " + Open311Settings.MIN_KEY_LENGTH
                        + " characters without spaces");
            } else {
                keys.add(k);
            }
        }
        String webForm = o.string("web-form-key", null);
        if (webForm != null && (webForm.length() < Open311Settings.MIN_KEY_LENGTH || webForm.chars().anyMatch(ch -> ch <= ' '))) {
            o.problem(o.node(), o.path() + ".web-form-key", "must be at least " + Open311Settings.MIN_KEY_LENGTH
                    + " characters without spaces");
            webForm = null;
        }
        String jurisdiction = o.string("jurisdiction-id", null);
        String contact = o.string("contact", null);
        String keyService = o.string("key-service", null);
        var services = new ArrayList<Service>();
        for (YamlTree s : o.list("services")) {
            service(s).ifPresent(services::add);
        }
        o.rejectUnknownKeys();
        ServiceCatalog catalog = defaults.services();
        if (!services.isEmpty()) {
            try {
                catalog = new ServiceCatalog(services);
            } catch (IllegalArgumentException e) {
                o.problem(o.node(), o.path() + ".services", e.getMessage());
            }
        }
        return new Open311Settings(jurisdiction, keys, webForm, contact, keyService, catalog);
    }

    private static Optional<Service> service(YamlTree s) {
        String code = s.string("code", null);
        String name = s.string("name", null);
        String typeName = s.string("type", null);
        EventType type = typeName == null ? null : EventType.fromJson(typeName).orElse(null);
        if (typeName == null) {
            s.problem(s.node(), s.path() + ".type", "required: the event type a report becomes, e.g. graffiti");
        } else if (type == null) {
            s.problem(s.node(), s.path() + ".type", "unknown event type '" + typeName + "'");
        }
        var attributes = new ArrayList<ServiceAttribute>();
        for (YamlTree a : s.list("attributes")) {
            attribute(a).ifPresent(attributes::add);
        }
        String description = s.string("description", null);
        String keywords = s.string("keywords", null);
        String group = s.string("group", null);
        String notice = s.string("notice", null);
        s.rejectUnknownKeys();
        if (code == null || name == null) {
            s.problem(s.node(), s.path(), "a service needs a code and a name");
            return Optional.empty();
        }
        if (type == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Service(code, name, description, keywords, group, type, notice, attributes));
        } catch (IllegalArgumentException e) {
            s.problem(s.node(), s.path(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<ServiceAttribute> attribute(YamlTree a) {
        String code = a.string("code", null);
        String datatypeName = a.string("datatype", "singlevaluelist");
        var datatype = ServiceAttribute.Datatype.fromJson(datatypeName);
        if (datatype.isEmpty()) {
            a.problem(a.node(), a.path() + ".datatype", "expected string, number, datetime, text, singlevaluelist "
                    + "or multivaluelist, got '" + datatypeName + "'");
        }
        boolean variable = a.bool("variable", true);
        boolean required = a.bool("required", false);
        String description = a.string("description", null);
        String datatypeDescription = a.string("datatype-description", null);
        int order = a.integer("order", 0, 0, 1000);
        var values = new ArrayList<ServiceAttribute.Value>();
        for (YamlTree v : a.list("values")) {
            String key = v.string("key", null);
            String name = v.string("name", key);
            v.rejectUnknownKeys();
            if (key == null) {
                v.problem(v.node(), v.path() + ".key", "required");
            } else {
                values.add(new ServiceAttribute.Value(key, name));
            }
        }
        a.rejectUnknownKeys();
        if (code == null || description == null) {
            a.problem(a.node(), a.path(), "an attribute needs a code and a description (the question asked)");
            return Optional.empty();
        }
        if (datatype.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ServiceAttribute(variable, code, datatype.get(), required, datatypeDescription,
                    order == 0 ? null : order, description, values));
        } catch (IllegalArgumentException e) {
            a.problem(a.node(), a.path(), e.getMessage());
            return Optional.empty();
        }
    }

}
