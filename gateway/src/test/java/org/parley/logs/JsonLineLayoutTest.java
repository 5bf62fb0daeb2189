package org.parley.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Log lines as a collector reads them with parley.log.format=json. */
class JsonLineLayoutTest {
    private static String line(String message, Object... args) {
        LoggerContext context = new LoggerContext();
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext(context);
        layout.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("org.parley.routing.Dispatcher"), Level.INFO,
                message, null, args);
        event.setTimeStamp(Instant.parse("2026-12-02T10:00:00Z").toEpochMilli());
        return layout.doLayout(event);
    }

    @Test
    void eachKeyOfTheLineIsAFieldAndAValueWithSpacesStaysWhole() {
        String json = line("routed arrival={} rcpt={} message-id={} outcome={}", 42, "strategies-fr@forum.test",
                "<a@b>", "held: 1 non-member");
        assertEquals("{\"time\":\"2026-12-02T10:00:00Z\",\"level\":\"INFO\",\"logger\":\"Dispatcher\",\"message\":"
                + "\"routed arrival=42 rcpt=strategies-fr@forum.test message-id=<a@b> outcome=held: 1 non-member\","
                + "\"arrival\":\"42\",\"rcpt\":\"strategies-fr@forum.test\",\"message-id\":\"<a@b>\","
                + "\"outcome\":\"held: 1 non-member\",\"event\":\"routed\"}" + System.lineSeparator(), json);
    }

    @Test
    void quotesControlCharactersAndAForgedFieldCannotBreakOutOrHideTheLinesOwn() {
        String json = line("accepted from={} subject={}", "a\"b\\c", "x\r\n{\"level\":\"ERROR\"} level=ERROR\u0007");
        assertTrue(json.endsWith("}" + System.lineSeparator()) && json.indexOf('\n') == json.length() - 1, json);
        assertTrue(json.contains("\"from\":\"a\\\"b\\\\c\""), json);
        assertTrue(json.contains("\\r\\n{\\\"level\\\":\\\"ERROR\\\"}"), json);
        assertTrue(json.contains("\"level\":\"INFO\""), json);
        assertTrue(json.contains("\"field-level\":\"ERROR\\u0007\""), json);
    }
}
