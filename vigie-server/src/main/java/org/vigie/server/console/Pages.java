package org.vigie.server.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the console's JTE templates, compiled to classes at build time (so a template error fails the build,
 * and no compiler runs in production).
 */
final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    void render(Context ctx, String template, Map<String, Object> params) {
        var out = new StringOutput();
        engine.render(template, params, out);
        // Pages show incident details; a shared or back-button cache must not keep them.
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(out.toString());
    }
}
