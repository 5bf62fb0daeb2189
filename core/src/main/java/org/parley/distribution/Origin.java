package org.parley.distribution;

import org.parley.model.Version;

/**
 * Where a distributed post comes from when it is another language's version of one:
 * its Message-ID and language, and the archive link the footer gives to it.
 */
public record Origin(String messageId, String language, String url, Version.Kind kind) {
}
