package org.parley.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import org.parley.config.Settings;
import org.slf4j.LoggerFactory;

/**
 * Parley's logging, set up in code rather than a file an administrator would have to find:
 * every line to standard error (systemd's journal takes it from there), as text or as JSON
 * ({@code parley.log.format}); the level from {@code -Dparley.log.level} (and
 * {@code -Dparley.log.level.LOGGER} for one logger), WARN unless the command says otherwise.
 * Found by Logback through its Configurator service.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String LEVEL = "parley.log.level";
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        apply(context, Settings.LogFormat.PLAIN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Writes the lines in this format from now on. */
    public static void use(Settings.LogFormat format) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            apply(context, format);
        }
    }

    private static synchronized void apply(LoggerContext context, Settings.LogFormat format) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        LayoutBase<ILoggingEvent> layout;
        if (format == Settings.LogFormat.JSON) {
            layout = new JsonLineLayout();
        } else {
            PatternLayout pattern = new PatternLayout();
            pattern.setPattern(PATTERN);
            layout = pattern;
        }
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("stderr");
        console.setTarget("System.err"); // looked up at each line, so a redirected System.err gets them
        console.setEncoder(encoder);
        console.start();
        root.addAppender(console);
        root.setLevel(Level.toLevel(System.getProperty(LEVEL, "warn"), Level.WARN));
        // Libraries' chatter: their errors only, unless asked for.
        for (String quiet : new String[] {"com.icegreen", "org.flywaydb"}) {
            context.getLogger(quiet).setLevel(Level.ERROR);
        }
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN); // Parley says itself where the web listens
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.startsWith(LEVEL + ".")) {
                context.getLogger(key.substring(LEVEL.length() + 1))
                        .setLevel(Level.toLevel(String.valueOf(e.getValue()).toUpperCase(Locale.ROOT), null));
            }
        }
    }
}
