package org.vigie.server.console;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The console's words in one language, from {@code i18n/messages_LANG.properties}. French is the default (the
 * reference city's operators); English is the other. The language comes from {@code ?lang=}, remembered in a
 * cookie, else from the browser's {@code Accept-Language}.
 */
public final class Messages {
    public static final String BUNDLE = "i18n.messages";
    public static final List<String> LANGUAGES = List.of("fr", "en");
    static final String COOKIE = "vigie-lang";
    // No fallback to the JVM's default locale: a server started in another locale must still speak French.
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String language;
    private final ResourceBundle bundle;

    private Messages(String language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language), CONTROL);
    }

    public static Messages of(String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("unsupported language '" + language + "'; expected one of " + LANGUAGES);
        }
        return new Messages(language);
    }

    /** The language of this request, remembering an explicit {@code ?lang=} in a cookie. */
    public static Messages forRequest(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked != null && LANGUAGES.contains(asked)) {
            var cookie = new Cookie(COOKIE, asked);
            cookie.setPath("/");
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setSameSite(SameSite.STRICT);
            cookie.setHttpOnly(true);
            ctx.cookie(cookie);
            return of(asked);
        }
        String remembered = ctx.cookie(COOKIE);
        if (remembered != null && LANGUAGES.contains(remembered)) {
            return of(remembered);
        }
        return of(fromAcceptLanguage(ctx.header("Accept-Language")));
    }

    /** The first supported language in the header's preference order; French when none is. */
    static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return LANGUAGES.get(0);
        }
        try {
            for (Locale.LanguageRange r : Locale.LanguageRange.parse(header)) {
                String lang = r.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                if (LANGUAGES.contains(lang)) {
                    return lang;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // a malformed header is the browser's problem: speak the default language
        }
        return LANGUAGES.get(0);
    }

    public String language() {
        return language;
    }

    /** The text for {@code key}; a missing key shows as itself in brackets rather than failing the page. */
    public String t(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return "[" + key + "]";
        }
    }

    /** The text for {@code key} with {@code {0}}, {@code {1}} … filled in. */
    public String t(String key, Object... args) {
        return new MessageFormat(t(key), Locale.forLanguageTag(language)).format(args);
    }
}
