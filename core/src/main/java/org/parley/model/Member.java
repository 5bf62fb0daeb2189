package org.parley.model;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A person with an address, a delegation, a preferred language and a role. A moderator
 * may be given some languages ({@code moderatedLanguages}); none means all of them. A
 * focal point speaks for a Member State's delegation about who takes part: joins from its
 * addresses come to them first, and they hear when one of its members leaves or bounces.
 */
public record Member(long id, String email, String name, String delegation, String language, Role role,
                     boolean trusted, Set<String> moderatedLanguages, boolean focalPoint) {

    public Member(long id, String email, String name, String delegation, String language, Role role,
                  boolean trusted, Set<String> moderatedLanguages) {
        this(id, email, name, delegation, language, role, trusted, moderatedLanguages, false);
    }

    public Member(long id, String email, String name, String delegation, String language, Role role,
                  boolean trusted) {
        this(id, email, name, delegation, language, role, trusted, Set.of());
    }

    // Deliberately loose: the MTA is the real judge; this stops typos and header injection.
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\",;]+@[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

    public Member {
        email = normalise(email);
        if (name == null || name.isBlank() || name.contains("\n") || name.contains("\r")) {
            throw new IllegalArgumentException("a member needs a one-line name");
        }
        // A Member State is its ISO code, upper-case; a guest's organisation keeps its spelling.
        delegation = delegation == null ? "" : delegation.trim();
        delegation = delegation.length() == 2 ? delegation.toUpperCase(Locale.ROOT) : delegation;
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("language '" + language + "' is not a two-letter code");
        }
        moderatedLanguages = new TreeSet<>(moderatedLanguages == null ? Set.of() : moderatedLanguages);
        for (String moderated : moderatedLanguages) {
            if (!LANGUAGE.matcher(moderated).matches()) {
                throw new IllegalArgumentException("language '" + moderated + "' is not a two-letter code");
            }
        }
        moderatedLanguages = Collections.unmodifiableSet(moderatedLanguages);
    }

    /** Whether this member decides posts of a list in this language. */
    public boolean moderates(String listLanguage) {
        return role.moderates() && (role.moderatesAllLanguages() || moderatedLanguages.isEmpty()
                || moderatedLanguages.contains(listLanguage));
    }

    /** Lower-cases and checks an address; throws with a clear message when it is not one. */
    public static String normalise(String email) {
        String value = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + email + "' is not an email address");
        }
        return value;
    }

    /** Whether this member is a focal point of that delegation (a Member State's code). */
    public boolean focalPointOf(String delegation) {
        return focalPoint && !delegation.isEmpty() && this.delegation.equals(delegation);
    }

    /** Whether this member's posts go out without a moderator's look. */
    public boolean postsFreely() {
        return trusted || role.moderates();
    }
}
