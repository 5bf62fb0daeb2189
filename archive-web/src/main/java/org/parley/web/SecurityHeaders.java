package org.parley.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The headers every response carries, the archive's pages and Jetty's own refusals alike
 * (a malformed request, a URI or headers too long), which Jetty writes before Javalin ever
 * sees the request.
 */
final class SecurityHeaders {
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    static final Map<String, String> ALL = headers();

    private SecurityHeaders() {
    }

    private static Map<String, String> headers() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Security-Policy", CSP);
        all.put("X-Content-Type-Options", "nosniff");
        all.put("Referrer-Policy", "no-referrer");
        all.put("X-Frame-Options", "DENY");
        all.put("Cache-Control", "no-store");
        return Map.copyOf(all);
    }

    /** Jetty's error handler, with the headers on its answers to requests it could not read. */
    static final class OnJettyErrors extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            ALL.forEach(fields::put);
            return super.badMessageError(status, reason, fields);
        }

        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            ALL.forEach(response::setHeader);
            super.handle(target, baseRequest, request, response);
        }
    }
}
