package org.parley.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.parley.Forum;
import org.parley.model.Delegation;
import org.parley.model.Delivery;
import org.parley.model.ForumList;
import org.parley.model.Member;
import org.parley.model.Role;
import org.parley.welcome.AccessLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds or updates many members from a CSV file (RFC 4180, UTF-8, a header row naming
 * the columns email, name, delegation, language, role, rooms, and optionally moderates
 * and trusted). Each row is checked and written on its own: a bad row gets a line saying
 * why, and the good rows still go in. New members get a welcome in their language.
 */
public final class MemberImport {
    private static final Logger LOG = LoggerFactory.getLogger(MemberImport.class);
    private static final List<String> REQUIRED = List.of("email", "name");
    private static final int PROGRESS_EVERY = 200;

    /** What an import did (or, dry, would do). */
    public record Report(int added, int updated, int unchanged, int bad) {
    }

    private final Forum forum;

    public MemberImport(Forum forum) {
        this.forum = forum;
    }

    /**
     * Reads the file; {@code say} gets one line per row that changes or fails, and
     * {@code progress} a line every few hundred rows of a long file.
     */
    public Report run(Reader in, boolean dryRun, Consumer<String> say, Consumer<String> progress) throws IOException {
        List<List<String>> rows = Csv.read(new BufferedReader(in));
        if (rows.isEmpty()) {
            throw new AdminException("the file is empty", ExitCode.DATA);
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip().toLowerCase(Locale.ROOT).replace('\ufeff', ' ').strip(), i);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new AdminException("the header row has no '" + required + "' column (columns: email, name,"
                        + " delegation, language, role, rooms, moderates, trusted)", ExitCode.DATA);
            }
        }
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        int bad = 0;
        int total = rows.size() - 1;
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            int line = r + 1;
            try {
                Row parsed = parse(row, columns);
                String done = apply(parsed, dryRun);
                switch (done.substring(0, done.indexOf(' '))) {
                    case "added" -> added++;
                    case "updated" -> updated++;
                    default -> unchanged++;
                }
                if (!done.startsWith("unchanged")) {
                    say.accept("line " + line + ": " + (dryRun ? "would be " : "") + done);
                }
            } catch (IllegalArgumentException | AdminException e) {
                bad++;
                say.accept("line " + line + ": " + e.getMessage() + " (row skipped)");
            }
            if (total > PROGRESS_EVERY && r % PROGRESS_EVERY == 0) {
                progress.accept("imported " + r + " of " + total + " rows");
            }
        }
        LOG.info("members imported added={} updated={} unchanged={} bad={} dry-run={}", added, updated, unchanged, bad,
                dryRun);
        return new Report(added, updated, unchanged, bad);
    }

    private record Row(Member member, List<String> lists) {
    }

    private Row parse(List<String> row, Map<String, Integer> columns) {
        String email = cell(row, columns, "email");
        String name = cell(row, columns, "name");
        String delegation = cell(row, columns, "delegation");
        String language = cell(row, columns, "language");
        language = language.isEmpty() ? forum.settings().defaultLanguage() : language.toLowerCase(Locale.ROOT);
        if (!forum.settings().languages().contains(language)) {
            throw new IllegalArgumentException("language '" + language + "' is not one of the forum's "
                    + forum.settings().languages());
        }
        String roleText = cell(row, columns, "role");
        Role role = roleText.isEmpty() ? Role.DELEGATE : Role.parse(roleText);
        Delegation.check(delegation, role);
        Set<String> moderates = new LinkedHashSet<>(split(cell(row, columns, "moderates")));
        for (String l : moderates) {
            if (!forum.settings().languages().contains(l)) {
                throw new IllegalArgumentException("moderated language '" + l + "' is not one of the forum's");
            }
        }
        boolean trusted = List.of("yes", "true", "1", "oui", "sí", "si", "x").contains(
                cell(row, columns, "trusted").toLowerCase(Locale.ROOT));
        Member member = new Member(0, email, name, delegation, language, role, trusted, moderates);
        List<String> lists = new ArrayList<>();
        for (String room : split(cell(row, columns, "rooms"))) {
            lists.add(listFor(room, member.language()));
        }
        return new Row(member, lists);
    }

    /** A room's list in the member's language, else in the forum's; a full list name is taken as it is. */
    private String listFor(String room, String language) {
        return forum.store().read(tx -> {
            if (tx.rooms().list(room).isPresent()) {
                return room;
            }
            List<ForumList> lists = tx.rooms().listsOf(room);
            return lists.stream().filter(l -> l.language().equals(language)).findFirst()
                    .or(() -> lists.stream().filter(l -> l.language().equals(forum.settings().defaultLanguage())).findFirst())
                    .or(() -> lists.stream().findFirst())
                    .map(ForumList::name)
                    .orElseThrow(() -> new IllegalArgumentException("no room or list '" + room + "'"));
        });
    }

    private String apply(Row row, boolean dryRun) {
        Member wanted = row.member();
        return forum.store().write(tx -> {
            Optional<Member> existing = tx.members().find(wanted.email());
            if (existing.isEmpty()) {
                if (!dryRun) {
                    Member added = tx.members().add(wanted, forum.clock().instant()).orElseThrow();
                    for (String list : row.lists()) {
                        tx.members().subscribe(added.id(), list, Delivery.EACH, forum.clock().instant());
                    }
                    forum.accessLinks().send(tx, added, AccessLinks.Purpose.SET_PASSWORD);
                }
                return "added " + wanted.email() + " (" + wanted.role().label() + ", " + wanted.language()
                        + (row.lists().isEmpty() ? "" : ", " + String.join(" ", row.lists())) + ")";
            }
            Member had = existing.get();
            List<String> changes = new ArrayList<>();
            if (!had.name().equals(wanted.name())) {
                changes.add("name");
            }
            if (!had.delegation().equals(wanted.delegation())) {
                changes.add("delegation");
            }
            if (!had.language().equals(wanted.language())) {
                changes.add("language");
            }
            if (had.role() != wanted.role()) {
                changes.add("role");
            }
            if (!had.moderatedLanguages().equals(wanted.moderatedLanguages())) {
                changes.add("moderates");
            }
            if (had.trusted() != wanted.trusted()) {
                changes.add("trusted");
            }
            List<String> joins = row.lists().stream()
                    .filter(l -> tx.members().subscription(had.id(), l).isEmpty()).toList();
            joins.forEach(l -> changes.add("+" + l));
            if (changes.isEmpty()) {
                return "unchanged " + wanted.email();
            }
            if (!dryRun) {
                tx.members().updateProfile(had.id(), wanted.name(), wanted.delegation(), wanted.language());
                tx.members().update(had.id(), Optional.of(wanted.role()), Optional.of(wanted.moderatedLanguages()),
                        Optional.of(wanted.trusted()), Optional.empty());
                for (String list : joins) {
                    tx.members().subscribe(had.id(), list, Delivery.EACH, forum.clock().instant());
                }
            }
            return "updated " + wanted.email() + " (" + String.join(", ", changes) + ")";
        });
    }

    private static String cell(List<String> row, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        return i == null || i >= row.size() ? "" : row.get(i).strip();
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split("[;|,\\s]+")) {
            if (!part.isBlank()) {
                out.add(part.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> read(BufferedReader in) throws IOException {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int c;
            while ((c = in.read()) != -1) {
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        int next = in.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                in.reset();
                            }
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    row.add(field.toString());
                    rows.add(row);
                    row = new ArrayList<>();
                    field.setLength(0);
                } else if (c != '\r') {
                    field.append((char) c);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
