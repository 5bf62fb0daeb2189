package org.parley.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import org.parley.config.Secrets;
import org.parley.config.Settings;
import org.parley.demo.Demo;
import org.parley.server.PortInUse;
import org.parley.server.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a sample forum with an in-process sandbox mail server; nothing else needed.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    ParleyCommand parent;
    @Option(names = "--data-dir", description = "Where to keep the demo's data (default: a new temporary folder).")
    Path dataDir;
    @Option(names = "--smtp-port", description = "Port of Parley's listener (default: ${DEFAULT-VALUE}).")
    int smtpPort = 2525;
    @Option(names = "--sandbox-smtp-port", description = "Port of the sandbox relay (default: ${DEFAULT-VALUE}).")
    int sandboxSmtpPort = 3025;
    @Option(names = "--sandbox-imap-port", description = "Port of the sandbox IMAP server (default: ${DEFAULT-VALUE}).")
    int sandboxImapPort = 3143;
    @Option(names = "--web-port", description = "Port of the archive web server (default: ${DEFAULT-VALUE}).")
    int webPort = 8080;
    @Option(names = "--exit-after", paramLabel = "SECONDS", description = "Stop after this many seconds (for smoke tests).")
    int exitAfter;

    @Override
    public Integer call() throws Exception {
        try {
            return run(parent.context);
        } catch (PortInUse e) {
            throw new AdminException(e.demoAdvice(), ExitCode.TEMPORARY);
        }
    }

    private Integer run(Context c) throws Exception {
        Path dir = dataDir != null ? dataDir : Demo.freshDataDir();
        try (Demo demo = Demo.startSandbox(dir, new Demo.Ports(smtpPort, sandboxSmtpPort, sandboxImapPort));
             StopSignal stop = StopSignal.watch()) {
            Settings settings = Secrets.ensure(demo.configure(c.loader(), smtpPort)
                    .set("parley.web.port", String.valueOf(webPort))
                    .set("parley.web.base-url", "http://localhost:" + (webPort == 0 ? 8080 : webPort)).load(),
                    new SecureRandom());
            Server server = ServeCommand.start(settings, System.getenv());
            Demo.seed(server.forum());
            Demo.postSample(settings.domain(), server.smtpPort());
            demo.describe(c.out, settings.domain(), server.smtpPort(), server.webPort());
            if (exitAfter > 0) {
                Thread.sleep(exitAfter * 1000L);
                server.close();
                c.out.println("demo stopped after " + exitAfter + " s; sandbox received " + demo.mailboxCounts().get("received")
                        + " messages");
                return 0;
            }
            stop.awaitThenClose(server);
        }
        return 0;
    }
}
