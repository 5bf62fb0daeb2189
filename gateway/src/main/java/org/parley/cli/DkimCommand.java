package org.parley.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import org.parley.config.Settings;
import org.parley.dkim.DkimKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "dkim", mixinStandardHelpOptions = true,
        description = "The forum's DKIM keys: every message the forum sends is signed with those named in"
                + " parley.dkim.selectors.",
        subcommands = {DkimCommand.Keygen.class})
final class DkimCommand {
    @ParentCommand
    ParleyCommand parent;

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Make a key pair under a new selector (the private key goes to DATA/dkim/SELECTOR.key) and print"
                    + " the DNS TXT record to publish.")
    static final class Keygen implements Callable<Integer> {
        @ParentCommand
        DkimCommand parent;
        @Option(names = "--selector", required = true, paramLabel = "S", description = "The selector, a DNS label, e.g. ed2026.")
        String selector;
        @Option(names = "--algorithm", defaultValue = "ed25519", paramLabel = "A",
                description = "ed25519 (RFC 8463, small and fast) or rsa (2048 bits, which every receiver checks);"
                        + " default ${DEFAULT-VALUE}. Sign with both for now: make one of each.")
        String algorithm;

        @Override
        public Integer call() throws IOException {
            Context c = parent.parent.context;
            Settings settings = c.settings();
            DkimKey key;
            try {
                key = DkimKey.generate(settings.dataDir(), selector.toLowerCase(Locale.ROOT), DkimKey.Algorithm.named(algorithm));
            } catch (IllegalArgumentException e) {
                throw new AdminException(e.getMessage(), ExitCode.USAGE);
            }
            c.out.println("wrote " + DkimKey.file(settings.dataDir(), key.selector()));
            c.out.println("publish this record, then add " + key.selector() + " to parley.dkim.selectors:");
            c.out.println(key.selector() + "._domainkey." + settings.domain() + ". IN TXT " + quoted(key.dnsRecord()));
            return 0;
        }

        /** A TXT record's text in strings of at most 255 characters, as zone files take it. */
        static String quoted(String text) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < text.length(); i += 255) {
                parts.add("\"" + text.substring(i, Math.min(text.length(), i + 255)) + "\"");
            }
            return parts.size() == 1 ? parts.get(0) : "( " + String.join(" ", parts) + " )";
        }
    }
}
