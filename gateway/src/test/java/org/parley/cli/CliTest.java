package org.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a person types it: clear lines, exit codes, no stack traces. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run parley(String stdin, String... args) {
        return parley(Map.of(), stdin, args);
    }

    Run parley(Map<String, String> extraEnv, String stdin, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("PARLEY_DATA_DIR", dir.toString(), "PARLEY_DOMAIN", "forum.test"));
        env.putAll(extraEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Optional.empty(), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLineError(Run run, int code, String text) {
        assertEquals(code, run.code(), run.toString());
        assertTrue(run.err().startsWith("parley: "), run.err());
        assertTrue(run.err().contains(text), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        for (String[] command : new String[][] {{}, {"serve"}, {"demo"}, {"room", "create"}, {"room", "policy"}, {"room", "list"}, {"member", "add"},
                {"member", "subscribe"}, {"member", "list"}, {"held", "list"}, {"held", "approve"}, {"held", "reject"},
                {"held", "discard"}, {"inject"}}) {
            String[] help = Arrays.copyOf(command, command.length + 1);
            help[command.length] = "--help";
            Run h = parley("", help);
            assertEquals(0, h.code(), String.join(" ", help));
            assertTrue(h.out().startsWith("Usage: parley"), h.out());
            help[command.length] = "--version";
            Run v = parley("", help);
            assertEquals(0, v.code());
            assertTrue(v.out().startsWith("parley "), v.out());
        }
    }

    @Test
    void badArgumentsGetOneClearLineAndExitCodeTwo() {
        assertOneLineError(parley("", "frobnicate"), 2, "Unmatched argument");
        assertOneLineError(parley("", "held", "approve", "abc"), 2, "'abc' is not a long");
        assertOneLineError(parley("", "room", "create", "strategies"), 2, "Missing required option: '--title");
        assertOneLineError(parley("", "member", "add", "a@b.test", "--name", "A", "--role", "king"), 2, "unknown role 'king'");
        assertOneLineError(parley(Map.of("PARLEY_INBOUND_PROTOCOL", "pop3"), "", "member", "list"), 2,
                "configuration: parley.inbound.protocol: 'pop3' is not one of [smtp, lmtp]");
        assertOneLineError(parley("", "serve", "--role", "mailman"), 2, "'mailman' is not a role: use all, gateway or web");
        assertOneLineError(parley(Map.of("PARLEY_LOG_FORMAT", "xml"), "", "member", "list"), 2,
                "parley.log.format: 'xml' is not one of [plain, json]");
        assertOneLineError(parley(Map.of("PARLEY_METRICS_PORT", "99999"), "", "member", "list"), 2,
                "parley.metrics.port: 99999 is not a port number");
        assertOneLineError(parley(Map.of("PARLEY_INBOUND_IMAP_HOST", "outlook.office365.com"), "", "member", "list"), 2,
                "parley.inbound.imap.user");
        assertOneLineError(parley(Map.of("PARLEY_INBOUND_IMAP_IDLE", "maybe"), "", "member", "list"), 2,
                "parley.inbound.imap.idle: 'maybe' is neither true nor false");
        assertOneLineError(parley(Map.of("PARLEY_INBOUND_IMAP_SECURITY", "ssl"), "", "member", "list"), 2,
                "parley.inbound.imap.security: 'ssl' is not one of [imaps, starttls, none]");
    }

    @Test
    void aPostfixTableIsWrittenIntoAnExistingFolderOnlyAndLeavesNothingBehindWhenItCannotBe() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("postfix"));
        assertOneLineError(parley("", "postfix-maps", "-o", folder.toString()), 2,
                "cannot write " + folder + ": it is a folder; name a file in an existing folder");
        assertOneLineError(parley("", "postfix-maps", "-o", folder.resolve("no/recipients").toString()), 2,
                "the folder " + folder.resolve("no") + " does not exist");
        Run written = parley("", "postfix-maps", "-o", folder.resolve("recipients").toString());
        assertEquals(0, written.code(), written.toString());
        try (var left = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("recipients")), left.toList(), "the table alone, no half-written copy");
        }
    }

    @Test
    void theCommandIsFoundPastTheGlobalOptionsSoServeLogsAtInfoWhateverComesFirst() {
        assertEquals("serve", Main.command(new String[] {"--config", "/etc/parley/parley.properties", "serve"}));
        assertEquals("serve", Main.command(new String[] {"--config=/etc/parley/parley.properties", "--verbose", "serve"}));
        assertEquals("member", Main.command(new String[] {"member", "list"}));
        assertEquals("", Main.command(new String[] {"--version"}));
    }

    @Test
    void dkimKeysAreMadeOncePrintedAsARecordAndAMissingOneStopsTheStartInOneLine() throws Exception {
        Run ed = parley("", "dkim", "keygen", "--selector", "ed2026");
        assertEquals(0, ed.code(), ed.toString());
        assertTrue(ed.out().contains("ed2026._domainkey.forum.test. IN TXT \"v=DKIM1; k=ed25519; p="), ed.out());
        assertTrue(Files.exists(dir.resolve("dkim/ed2026.key")));
        Run rsa = parley("", "dkim", "keygen", "--selector", "rsa2026", "--algorithm", "rsa");
        assertEquals(0, rsa.code(), rsa.toString());
        assertTrue(rsa.out().contains("IN TXT ( \"v=DKIM1; k=rsa; p="), "a long record in strings of 255: " + rsa.out());
        assertOneLineError(parley("", "dkim", "keygen", "--selector", "ed2026"), 2, "exists already");
        assertOneLineError(parley("", "dkim", "keygen", "--selector", "x", "--algorithm", "dsa"), 2, "not a DKIM algorithm");
        assertOneLineError(parley("", "dkim", "keygen", "--selector", "a.b"), 2, "not a DNS label");
        assertOneLineError(parley(Map.of("PARLEY_DKIM_SELECTORS", "ed2026,gone"), "", "member", "list"), 2,
                "parley dkim keygen --selector gone");
        assertEquals(0, parley(Map.of("PARLEY_DKIM_SELECTORS", "ed2026,rsa2026"), "", "member", "list").code());
        assertOneLineError(parley(Map.of("PARLEY_DMARC_ACTION", "shout"), "", "member", "list"), 2,
                "parley.dmarc.action: 'shout' is not one of [munge, munge-cc, wrap]");
        assertOneLineError(parley(Map.of("PARLEY_DNS_RESOLVER", "a b"), "", "member", "list"), 2, "parley.dns.resolver");
        assertOneLineError(parley(Map.of("PARLEY_DIGEST_HOUR", "24"), "", "member", "list"), 2, "parley.digest.hour");
    }

    @Test
    void anAdministratorSetsUpAForumAndBadDataIsRefusedClearly() throws Exception {
        Run room = parley("", "room", "create", "strategies", "--title", "National IP strategies", "--languages", "en,fr,es");
        assertEquals(0, room.code(), room.toString());
        assertEquals("created list strategies-en\ncreated list strategies-fr\ncreated list strategies-es\n", room.out());
        assertOneLineError(parley("", "room", "create", "strategies", "--title", "Again"), 65, "exists already");
        assertOneLineError(parley("", "room", "create", "Bad Room", "--title", "x"), 65, "lower-case letters");
        assertOneLineError(parley("", "room", "create", "x", "--title", "x", "--languages", "de"), 65, "not one of the forum's");

        assertEquals(0, parley("", "member", "add", "Jean@Delegation-FR.test", "--name", "Jean Dupont", "--delegation", "fr",
                "--language", "fr").code());
        assertEquals(0, parley("", "member", "add", "mod@secretariat.test", "--name", "Ana", "--role", "moderator").code());
        assertOneLineError(parley("", "member", "add", "jean@delegation-fr.test", "--name", "Twice"), 65, "exists already");
        assertOneLineError(parley("", "member", "add", "not-an-address", "--name", "X"), 65, "is not an email address");
        assertEquals(0, parley("", "member", "subscribe", "jean@delegation-fr.test", "strategies-fr").code());
        assertOneLineError(parley("", "member", "subscribe", "jean@delegation-fr.test", "nope-fr"), 65, "no list nope-fr");
        assertOneLineError(parley("", "member", "subscribe", "who@x.test", "strategies-fr"), 65, "no member who@x.test");

        assertEquals(0, parley("", "room", "policy", "strategies-es", "--non-member", "reject").code());
        assertOneLineError(parley("", "room", "policy", "strategies-es", "--non-member", "maybe"), 2, "hold, reject or default");
        assertOneLineError(parley("", "room", "policy", "nope-es", "--non-member", "hold"), 65, "no list nope-es");

        Run members = parley("", "member", "list", "strategies-fr");
        assertEquals("jean@delegation-fr.test\tJean Dupont\tFR\tmember-state\tfr\tdelegate\tmoderated\n", members.out());
        assertEquals(2, parley("", "member", "list").out().lines().count());

        Path message = dir.resolve("post.eml");
        Files.writeString(message, "From: jean@delegation-fr.test\r\nSubject: Bonjour\r\nMessage-ID: <cli@x.test>\r\n\r\nSalut\r\n");
        Run inject = parley("", "inject", "strategies-fr@forum.test", message.toString());
        assertEquals(0, inject.code(), inject.toString());
        assertEquals("stored as [1]\n", inject.out());
        assertEquals(0, parley("From: x@y.test\r\n\r\nbody\r\n", "inject", "strategies-fr@forum.test", "-").code());
        assertOneLineError(parley("", "inject", "nope@forum.test", message.toString()), 65, "no such list address");
        assertOneLineError(parley("", "inject", "strategies-fr@forum.test", "/no/such/file"), 65, "no such file");
        assertOneLineError(parley("", "inject", "strategies-fr@forum.test"), 65, "the message is empty");
        assertOneLineError(parley("", "held", "approve", "99"), 65, "no held message 99");
        assertOneLineError(parley("", "held", "approve", "99", "--all-languages"), 65, "no held message 99");

        Run fr = parley("", "member", "add", "marc@secretariat.test", "--name", "Marc", "--role", "moderator",
                "--moderates", "fr,es", "--language", "fr");
        assertEquals("added member marc@secretariat.test (moderator, fr, moderates es,fr)\n", fr.out(), fr.toString());
        assertEquals("member marc@secretariat.test (chief-moderator, fr, moderates all languages)\n",
                parley("", "member", "set", "marc@secretariat.test", "--role", "chief-moderator").out());
        assertEquals("member jean@delegation-fr.test (translator, fr, trusted)\n",
                parley("", "member", "set", "jean@delegation-fr.test", "--role", "translator", "--trusted").out());
        assertOneLineError(parley("", "member", "add", "x@y.test", "--name", "X", "--role", "moderator", "--moderates", "de"),
                65, "language 'de' is not one of the forum's");
        assertOneLineError(parley("", "member", "set", "who@x.test", "--trusted"), 65, "no member who@x.test");
    }

    @Test
    void aLongImportShowsItsProgressAndAFileWithoutItsColumnsIsRefusedInOneLine() throws Exception {
        assertEquals(0, parley("", "room", "create", "strategies", "--title", "Strategies").code());
        StringBuilder csv = new StringBuilder("email,name,delegation,language,rooms\n");
        for (int i = 0; i < 401; i++) {
            csv.append("d").append(i).append("@delegation.test,Delegate ").append(i).append(",KE,en,strategies\n");
        }
        Path file = dir.resolve("members.csv");
        Files.writeString(file, csv);
        Run run = parley("", "member", "import", file.toString(), "--dry-run");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.err().contains("imported 200 of 401 rows") && run.err().contains("imported 400 of 401 rows"),
                run.err());
        assertTrue(run.out().endsWith("dry run: would add 401, update 0, unchanged 0, bad rows 0\n"), run.out());
        assertOneLineError(parley("mail,nom\nx@y.test,X\n", "member", "import", "-"), 65, "has no 'email' column");
        assertOneLineError(parley("", "member", "import", "/no/such.csv"), 65, "no such file");
        assertOneLineError(parley("", "discussion", "open", "strategies", "--title", "de=Haushalt"), 65,
                "room strategies has no list in 'de'");
        assertOneLineError(parley("", "discussion", "open", "strategies", "--title", "en=X", "--start", "tomorrow"), 65,
                "is not an ISO instant");
        assertOneLineError(parley("", "discussion", "close", "9"), 65, "no discussion 9");
    }

    @Test
    void aRoomIsTitledInEachLanguageGiven() {
        Run room = parley("", "room", "create", "strategies", "--title", "National IP strategies",
                "--title", "fr=Stratégies nationales de PI", "--title", "es=Estrategias nacionales de PI", "--languages", "en,fr,es");
        assertEquals(0, room.code(), room.toString());
        Run list = parley("", "room", "list");
        assertTrue(list.out().contains("Stratégies nationales de PI"), list.out());
        assertTrue(list.out().contains("Estrategias nacionales de PI"), list.out());
        assertTrue(list.out().contains("National IP strategies"), list.out());
    }

    @Test
    void staffAndGuestsMayNameAnOrganisationByAddAndByImportAlikeButDelegatesNameAMemberState() throws Exception {
        assertEquals(0, parley("", "room", "create", "strategies", "--title", "Strategies").code());
        Run add = parley("", "member", "add", "ana@wipo.test", "--name", "Ana", "--role", "moderator", "--delegation", "WIPO");
        assertEquals(0, add.code(), add.toString());
        assertOneLineError(parley("", "member", "add", "d@x.test", "--name", "D", "--delegation", "WIPO"), 65,
                "is not an ISO 3166 country code");
        Path file = dir.resolve("staff.csv");
        Files.writeString(file, "email,name,delegation,language,role,rooms\n"
                + "tr@un.test,Tran,UN,fr,translator,strategies\n"
                + "guest@ngo.test,Guest,Médecins Sans Frontières,fr,guest,\n"
                + "del@fr.test,Delegate,FR,fr,delegate,strategies\n"
                + "bad@x.test,Bad,WIPO,fr,delegate,strategies\n");
        Run imported = parley("", "member", "import", file.toString());
        assertEquals(65, imported.code(), "a bad row makes the import's exit say so: " + imported);
        assertTrue(imported.out().contains("added 3, updated 0, unchanged 0, bad rows 1"), imported.out());
        assertTrue(imported.out().contains("line 5: delegation 'WIPO' is not an ISO 3166 country code"), imported.out());
        String list = parley("", "member", "list").out();
        assertTrue(list.contains("ana@wipo.test\tAna\tWIPO\torganisation\t"), list);
        assertTrue(list.contains("tr@un.test\tTran\tUN\torganisation\t"), list);
        assertTrue(list.contains("del@fr.test\tDelegate\tFR\tmember-state\t"), list);
    }

    @Test
    void starttlsTakesTheWordsAdministratorsWrite() {
        for (String yes : new String[] {"none", "optional", "required", "true", "false", "yes", "no", "TRUE"}) {
            Run run = parley(Map.of("PARLEY_OUTBOUND_STARTTLS", yes), "", "member", "list");
            assertEquals(0, run.code(), yes + ": " + run);
        }
        assertOneLineError(parley(Map.of("PARLEY_OUTBOUND_STARTTLS", "maybe"), "", "member", "list"), 2,
                "parley.outbound.starttls: 'maybe' is not one of [none, optional, required] (or true/yes for required");
    }

    @Test
    void dbInfoShowsWhatAnUpgradeWillApplyWithoutApplyingItAndMigrateSaysWhatItApplied() {
        Run before = parley("", "db", "info");
        assertEquals(0, before.code(), before.toString());
        assertTrue(before.out().lines().allMatch(l -> l.contains("\tPending\t")), before.out());
        assertTrue(before.out().contains("9\tPending\t-\tpost texts as UTF-8 bytes"), before.out());
        assertEquals(before.out(), parley("", "db", "info").out(), "asking twice changes nothing");
        Run migrate = parley("", "db", "migrate");
        assertEquals("applied " + before.out().lines().count() + " migrations\n", migrate.out(), migrate.toString());
        assertTrue(parley("", "db", "info").out().lines().allMatch(l -> l.contains("\tSuccess\t")));
        assertEquals("the schema is up to date\n", parley("", "db", "migrate").out());
        assertOneLineError(parley(Map.of("PARLEY_DB_URL", "jdbc:derby:" + dir.resolve("missing")), "", "db", "info"),
                2, "no database at jdbc:derby:");
    }

    @Test
    void aWrongDatabaseUrlIsSaidInOneLineWithAHintThatFitsAndARetryOnlyWhereItHelps() throws Exception {
        assertOneLineError(parley(Map.of("PARLEY_DB_URL", "jdbc:mysql://127.0.0.1/parley"), "", "member", "list"), 2,
                "is not supported: use jdbc:postgresql://");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertOneLineError(parley(Map.of("PARLEY_DB_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/parley"), "",
                "member", "list"), 75, "cannot reach the database server at jdbc:postgresql://127.0.0.1:" + closed);
        assertOneLineError(parley(Map.of("PARLEY_DB_URL", "jdbc:derby:" + dir.resolve("missing")), "", "member", "list"),
                2, "no database at jdbc:derby:");
    }

    @Test
    void aStoreHeldByAnotherProcessIsNamedAsSuchAndWorthARetry() throws Exception {
        Path data = dir.resolve("held");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreHolder.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        try {
            String ready = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertEquals("holding", ready);
            assertOneLineError(parley(Map.of("PARLEY_DATA_DIR", data.toString()), "", "member", "list"), 75,
                    "open in another parley process");
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void serveNamesABusyPortAndTheSettingThatMovesIt() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = busy.getLocalPort();
            assertOneLineError(parley(Map.of("PARLEY_WEB_PORT", String.valueOf(port), "PARLEY_WEB_HOST", "127.0.0.1",
                    "PARLEY_INBOUND_PORT", "0"), "", "serve"), 75, "port " + port
                    + " (archive web server) is in use by another program: stop it, or set parley.web.port (PARLEY_WEB_PORT)");
        }
    }
}
