package org.parley.store;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the store writes a person's address and name besides their member row: authors of
 * posts and threads, held posts, decisions, bounces, requests, discussions, invitations,
 * arrivals' envelopes, the addresses of rosters and mailings, login failures, and the
 * texts that may quote an address (arrivals' outcomes, delivery errors, reasons). Forgetting a
 * member replaces each with a placeholder. Each column is matched without regard to case,
 * as mail addresses are written; these are full scans, for a rare administrator's act.
 */
public final class Traces {
    /** Name columns, each with the address column of the same row that says whose name it is. */
    private static final String[][] NAMES = {
        {"MESSAGES", "SENDERNAME", "SENDER"},
        {"THREADS", "STARTERNAME", "STARTER"},
        {"REQUESTS", "REQUESTERNAME", "REQUESTER"},
        {"REQUESTS", "GUESTNAME", "GUESTEMAIL"},
    };
    /** Address columns. */
    private static final String[][] ADDRESSES = {
        {"MESSAGES", "SENDER"}, {"MESSAGES", "ERASEDBY"}, {"THREADS", "STARTER"},
        {"HELD", "SENDER"}, {"HELD", "DECIDEDBY"}, {"DECISIONS", "ACTOR"}, {"BOUNCES", "RECIPIENT"},
        {"VERSIONS", "MADEBY"}, {"REQUESTS", "REQUESTER"}, {"REQUESTS", "GUESTEMAIL"}, {"REQUESTS", "DECIDEDBY"},
        {"DISCUSSIONS", "CREATEDBY"}, {"INVITATIONS", "DECIDEDBY"}, {"INVITATIONS", "INVITEDBY"},
        {"INBOUND", "MAILFROM"}, {"MAILINGS", "AUTOREPLYTO"},
    };
    /** Texts that may quote an address among other words: outcomes, errors, reasons, a request's words. */
    private static final String[][] TEXTS = {
        {"INBOUND", "OUTCOME"}, {"OUTBOX", "LASTERROR"}, {"DECISIONS", "OUTCOME"}, {"DECISIONS", "REASON"},
        {"HELD", "DECISIONREASON"}, {"REQUESTS", "REASON"}, {"REQUESTS", "BODY"}, {"MESSAGES", "ERASEDREASON"},
    };
    private static final int PAGE = 100;

    private final EntityManager em;

    Traces(EntityManager em) {
        this.em = em;
    }

    /** Replaces an address, and the names written beside it, everywhere but the raw messages; returns the rows changed. */
    public int replace(String address, String placeholder, String name) {
        int changed = 0;
        for (String[] column : NAMES) {
            changed += em.createNativeQuery("UPDATE " + column[0] + " SET " + column[1] + " = ? WHERE LOWER(" + column[2]
                    + ") = ?").setParameter(1, name).setParameter(2, address).executeUpdate();
        }
        for (String[] column : ADDRESSES) {
            changed += em.createNativeQuery("UPDATE " + column[0] + " SET " + column[1] + " = ? WHERE LOWER(" + column[1]
                    + ") = ?").setParameter(1, placeholder).setParameter(2, address).executeUpdate();
        }
        for (String[] column : TEXTS) {
            changed += replaceInText(column[0], column[1], address, placeholder);
        }
        changed += em.createQuery("DELETE FROM LoginFailureRow f WHERE f.limitKey IN :keys")
                .setParameter("keys", List.of("account:" + address, "mail:" + address)).executeUpdate();
        return changed + replaceInRecipients(address, placeholder);
    }

    /** Replaces the address where a text column quotes it (matched without regard to case). */
    private int replaceInText(String table, String column, String address, String placeholder) {
        // Derby has no REPLACE(): the few rows are found by LIKE and rewritten here.
        Pattern quoted = Pattern.compile(Pattern.quote(address), Pattern.CASE_INSENSITIVE);
        int changed = 0;
        for (Object row : em.createNativeQuery("SELECT ID, " + column + " FROM " + table + " WHERE LOWER(" + column
                + ") LIKE ?").setParameter(1, "%" + address + "%").getResultList()) {
            Object[] r = (Object[]) row;
            String text = r[1] == null ? "" : r[1].toString();
            if (quoted.matcher(text).find()) {
                changed += em.createNativeQuery("UPDATE " + table + " SET " + column + " = ? WHERE ID = ?")
                        .setParameter(1, quoted.matcher(text).replaceAll(Matcher.quoteReplacement(placeholder)))
                        .setParameter(2, ((Number) r[0]).longValue()).executeUpdate();
            }
        }
        return changed;
    }

    /** Rewrites the stored recipient addresses (rosters and mailings) that name this one, slice by slice. */
    private int replaceInRecipients(String address, String placeholder) {
        byte[] needle = address.getBytes(StandardCharsets.UTF_8);
        int changed = 0;
        long after = 0;
        while (true) {
            List<Object[]> page = em.createQuery("SELECT r.id, r.addresses FROM RecipientsRow r WHERE r.id > :after"
                    + " ORDER BY r.id", Object[].class).setParameter("after", after).setMaxResults(PAGE).getResultList();
            if (page.isEmpty()) {
                return changed;
            }
            for (Object[] row : page) {
                byte[] addresses = (byte[]) row[1];
                if (addresses != null && Bytes.containsAny(addresses, List.of(needle))) {
                    List<String> lines = new ArrayList<>(Rosters.lines(addresses));
                    lines.replaceAll(line -> line.equalsIgnoreCase(address) ? placeholder : line);
                    byte[] rewritten = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
                    changed += em.createQuery("UPDATE RecipientsRow r SET r.addresses = :a WHERE r.id = :id")
                            .setParameter("a", rewritten).setParameter("id", row[0]).executeUpdate();
                }
            }
            after = (Long) page.get(page.size() - 1)[0];
        }
    }
}
