package org.parley.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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

    String csrf() throws IOException, InterruptedException {
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            if (c.getName().equals("parley_csrf")) {
                return c.getValue();
            }
        }
        get("/login");
        return csrf();
    }

    HttpResponse<String> login(String email, String password) throws IOException, InterruptedException {
        get("/login");
        return post("/login", Map.of("email", email, "password", password));
    }
}
