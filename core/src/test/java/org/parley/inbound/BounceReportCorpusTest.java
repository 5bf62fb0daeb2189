package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Sisimai's real bounces (see src/test/resources/bounces/sisimai/README.md), each read as Sisimai reads it. */
class BounceReportCorpusTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BounceReportCorpusTest.class.getResourceAsStream("/bounces/sisimai/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyBounceIsPermanentOrTemporaryAsSisimaiSays() throws IOException {
        Map<String, BounceReport.Kind> documented = new TreeMap<>();
        for (String line : new String(resource("disagreements.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] cols = line.split("\t");
                documented.put(cols[0], BounceReport.Kind.valueOf(cols[1]));
            }
        }
        Map<String, BounceReport.Kind> differ = new TreeMap<>();

        int checked = 0;
        for (String line : new String(resource("expected.tsv"), StandardCharsets.UTF_8).split("\n")) {
            String[] cols = line.split("\t");
            if (cols[1].startsWith("2")) {
                continue; // delivered: not a bounce
            }
            BounceReport.Kind expected = cols[1].startsWith("5") ? BounceReport.Kind.PERMANENT : BounceReport.Kind.TEMPORARY;
            BounceReport report = BounceReport.of(resource(cols[0]));
            checked++;
            if (report.kind() != expected) {
                differ.put(cols[0], report.kind());
            }
        }
        assertTrue(checked > 450, "the corpus is there: " + checked);
        assertEquals(documented, differ, "every difference from Sisimai is documented, with its reason");
        assertTrue(checked - differ.size() >= 480, "agreement: " + (checked - differ.size()) + " of " + checked);
    }
}
