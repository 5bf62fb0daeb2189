package org.parley.people;

import java.util.Locale;
import java.util.Set;

/**
 * Who a member speaks for: a Member State, by its ISO 3166 code, or for a guest an
 * organisation, by its name. Staff of the organisation (moderators) may have none.
 */
public final class Delegation {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Delegation() {
    }

    /** Whether a delegation fits a role; the message says why not. */
    public static void check(String delegation, Role role) {
        if (role == Role.GUEST || delegation.isEmpty()) {
            return;
        }
        if (!COUNTRIES.contains(delegation.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("delegation '" + delegation
                    + "' is not an ISO 3166 country code (e.g. FR, SN, CN)");
        }
    }

    /** The Member State's name in a language ("France", "Francia", "Франция"), or the organisation as written. */
    public static String name(String delegation, String language) {
        if (delegation.length() == 2 && COUNTRIES.contains(delegation)) {
            return new Locale("", delegation).getDisplayCountry(Locale.forLanguageTag(language));
        }
        return delegation;
    }
}
