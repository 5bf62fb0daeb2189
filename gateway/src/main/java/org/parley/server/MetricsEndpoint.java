package org.parley.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.parley.Forum;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} for Prometheus, on a port of its own ({@code parley.metrics.*}): the
 * forum's counters and timers, what waits (held messages, the outbox) read from the store at
 * each scrape, and the JVM's own.
 */
final class MetricsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Forum forum;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private HttpServer http;

    MetricsEndpoint(Forum forum) {
        this.forum = forum;
        forum.meters().add(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmCompilationMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        gauge("parley.held.messages", "messages waiting for a moderator", tx -> (double) tx.held().waiting().count());
        gauge("parley.held.oldest.age.seconds", "how long the oldest held message has waited",
                tx -> age(tx.held().waiting().oldest()));
        gauge("parley.outbox.pending.copies", "copies still to be sent, first tries and retries",
                tx -> (double) tx.outbox().pending());
        gauge("parley.outbox.oldest.due.age.seconds", "how long the copy due longest has waited",
                tx -> age(tx.outbox().oldestDue()));
    }

    private void gauge(String name, String description, Function<Tx, Double> read) {
        Gauge.builder(name, forum, f -> {
            try {
                return f.store().read(read);
            } catch (RuntimeException e) {
                return Double.NaN; // the store does not answer: /readyz says so
            }
        }).description(description).register(registry);
    }

    private double age(Optional<Instant> since) {
        return since.map(t -> (double) Math.max(0, Duration.between(t, forum.clock().instant()).toSeconds())).orElse(0.0);
    }

    /** Listens on host:port (0: any free port). */
    MetricsEndpoint start(String host, int port) throws IOException {
        http = HttpServer.create(new InetSocketAddress(host, port), 16);
        http.createContext("/metrics", this::scrape);
        http.start();
        LOG.info("metrics listening address={}:{}", host, port());
        return this;
    }

    int port() {
        return http.getAddress().getPort();
    }

    private void scrape(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop(0);
        }
        gc.close();
        forum.meters().remove(registry);
        registry.close();
    }
}
