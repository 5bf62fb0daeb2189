package org.parley.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * Checks DKIM signatures the way receivers do, with verifiers written by others: Apache
 * James jDKIM (rsa-sha256) in-process, and dkimpy (Debian's python3-dkim, which also knows
 * ed25519-sha256) in a child process. The keys come from a table of selector to TXT record.
 */
public final class DkimCheck {
    /** Debian's own Python, where python3-dkim is installed (a python3 earlier on the PATH may not see it). */
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private DkimCheck() {
    }

    /** The selectors whose rsa-sha256 signatures jDKIM found valid (it throws when none is). */
    public static List<String> jdkim(byte[] message, Map<String, String> records) throws IOException, FailException {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            String record = records.get(selector.toString());
            return record == null ? List.of() : List.of(record);
        });
        List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(message));
        return valid == null ? List.of() : valid.stream().map(r -> r.getSelector().toString()).toList();
    }

    public static boolean dkimpyAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import dkim, nacl").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether dkimpy verifies every signature of the message (idx 0..n-1) against the
     * records. Skipped, naming the packages, where dkimpy is not installed.
     */
    public static boolean dkimpy(byte[] message, Map<String, String> records, Path dir) throws IOException, InterruptedException {
        assumeTrue(dkimpyAvailable(), "dkimpy is not installed: apt-get install python3-dkim python3-nacl");
        Path mail = Files.createTempFile(dir, "signed", ".eml");
        Files.write(mail, message);
        StringBuilder table = new StringBuilder("{");
        records.forEach((selector, record) -> table.append("'").append(selector).append("':'").append(record).append("',"));
        table.append("}");
        String script = "import dkim, sys\n"
                + "keys = " + table + "\n"
                + "def dns(name, timeout=5):\n"
                + "    return keys.get(name.decode().split('._domainkey.')[0], '').encode()\n"
                + "m = open(sys.argv[1], 'rb').read()\n"
                + "n = m.count(b'\\nDKIM-Signature:') + (1 if m.startswith(b'DKIM-Signature:') else 0)\n"
                + "ok = n > 0 and all(dkim.DKIM(m).verify(idx=i, dnsfunc=dns) for i in range(n))\n"
                + "print('pass' if ok else 'fail', n)\n";
        Process p = new ProcessBuilder(PYTHON, "-c", script, mail.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        if (!out.startsWith("pass") && !out.startsWith("fail")) {
            throw new IOException("dkimpy: " + out);
        }
        return out.startsWith("pass");
    }
}
