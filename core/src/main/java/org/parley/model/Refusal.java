package org.parley.model;

import java.util.Map;

/**
 * Nothing changed: {@code why} is a phrase key of the notices (e.g. {@code refused.decided})
 * with the values it names, so each sender hears it in their own language.
 */
public record Refusal<T>(String why, Map<String, String> values) implements Outcome<T> {
}
