package org.parley.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client for the archive, as a browser without JavaScript uses it. */
final class WebClient {
    final String base;
    final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    WebClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "en").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts a form with this browser's CSRF token, as every form of the archive carries it. */
    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.putIfAbsent("csrf", csrf());
        return postRaw(path, all);
    }

    HttpResponse<String> postRaw(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** The CSRF token the archive puts in this browser's forms, read from a page as a browser has it. */
    String csrf() throws IOException, InterruptedException {
        HttpResponse<String> page = get("/settings");
        if (page.statusCode() != 200) {
            page = get("/login");
        }
        Matcher m = CSRF_FIELD.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF field on " + page.uri() + ": " + page.statusCode());
        }
        return m.group(1);
    }

    HttpResponse<String> login(String email, String password) throws IOException, InterruptedException {
        get("/login");
        return post("/login", Map.of("email", email, "password", password));
    }

    /** A login that asks to go on to a page, as the login form carries it from ?next=. */
    HttpResponse<String> loginTo(String email, String password, String next) throws IOException, InterruptedException {
        get("/login");
        return post("/login", Map.of("email", email, "password", password, "next", next));
    }
}
