package org.parley.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object a line: time, level, logger, the message as written, and the message read
 * back as Parley writes its lines, "event key=value key=value", so that a collector can
 * filter on {@code list} or {@code arrival} without parsing text. A value runs to the next
 * " key=", so an outcome with spaces in it stays whole.
 */
final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    private static final Pattern KEY = Pattern.compile("(?:^| )([a-z][a-z0-9-]*)=");
    private static final String[] RESERVED = {"time", "level", "logger", "message", "event", "error"};

    @Override
    public String doLayout(ILoggingEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        fields.put("level", event.getLevel().toString());
        String logger = event.getLoggerName();
        fields.put("logger", logger.substring(logger.lastIndexOf('.') + 1));
        String message = event.getFormattedMessage() == null ? "" : event.getFormattedMessage();
        fields.put("message", message);
        Matcher m = KEY.matcher(message);
        int eventEnd = -1;
        String key = null;
        int valueStart = 0;
        while (m.find()) {
            if (key == null) {
                eventEnd = m.start();
            } else {
                put(fields, key, message.substring(valueStart, m.start()));
            }
            key = m.group(1);
            valueStart = m.end();
        }
        if (key != null) {
            put(fields, key, message.substring(valueStart));
            fields.put("event", message.substring(0, eventEnd).strip());
        }
        if (event.getThrowableProxy() != null) {
            fields.put("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        StringBuilder line = new StringBuilder(message.length() * 2 + 128).append('{');
        boolean first = true;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (!first) {
                line.append(',');
            }
            first = false;
            JsonText.quote(line, f.getKey()).append(':');
            JsonText.quote(line, f.getValue());
        }
        return line.append('}').append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static void put(Map<String, String> fields, String key, String value) {
        for (String reserved : RESERVED) {
            if (reserved.equals(key)) {
                key = "field-" + key; // never hides the line's own time, level or message
                break;
            }
        }
        fields.putIfAbsent(key, value);
    }
}
