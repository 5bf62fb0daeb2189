package org.parley.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a member speaks for: a Member State, by its ISO 3166 code, or an organisation, by its
 * name (the secretariat's own staff, {@code WIPO}, {@code UN}; a guest's organisation). A
 * delegate speaks for a Member State; staff and guests may speak for either, or for none.
 */
public final class Delegation {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern ORGANISATION = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} .,&'()/-]{0,79}");

    /** What a delegation names. */
    public enum Kind {
        NONE, MEMBER_STATE, ORGANISATION;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private Delegation() {
    }

    /** Whether a delegation fits a role; the message says why not. */
    public static void check(String delegation, Role role) {
        Kind kind = kind(delegation);
        if (kind == Kind.ORGANISATION && role == Role.DELEGATE) {
            throw new IllegalArgumentException("delegation '" + delegation
                    + "' is not an ISO 3166 country code (e.g. FR, SN, CN); an organisation such as WIPO is for"
                    + " staff (translator, moderator, admin) and guests");
        }
        if (kind == Kind.ORGANISATION && !ORGANISATION.matcher(delegation).matches()) {
            throw new IllegalArgumentException("delegation '" + delegation
                    + "' is neither an ISO 3166 country code nor an organisation's name (letters, digits, spaces, . , & ' ( ) / -;"
                    + " at most 80 characters)");
        }
    }

    /** Whether a delegation names a Member State, an organisation, or nobody. */
    public static Kind kind(String delegation) {
        if (delegation == null || delegation.isBlank()) {
            return Kind.NONE;
        }
        return delegation.length() == 2 && COUNTRIES.contains(delegation.toUpperCase(Locale.ROOT))
                ? Kind.MEMBER_STATE : Kind.ORGANISATION;
    }

    /** The Member State's name in a language ("France", "Francia", "Франция"), or the organisation as written. */
    public static String name(String delegation, String language) {
        if (kind(delegation) == Kind.MEMBER_STATE) {
            return new Locale("", delegation.toUpperCase(Locale.ROOT)).getDisplayCountry(Locale.forLanguageTag(language));
        }
        return delegation;
    }
}
