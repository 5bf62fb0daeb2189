package org.parley.dmarc;

import com.google.common.net.InternetDomainName;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DMARC policy an author's domain publishes (RFC 7489): {@code _dmarc.DOMAIN}, else the
 * organisational domain's (by the Public Suffix List) with its {@code sp=} for subdomains.
 * Answers are kept ten minutes; a resolver that does not answer in time counts as no
 * policy for a minute (the post goes out as it would have, and a line is logged).
 */
public final class DmarcPolicies {
    private static final Logger LOG = LoggerFactory.getLogger(DmarcPolicies.class);
    private static final Duration KEPT = Duration.ofMinutes(10);
    /** A resolver that did not answer is asked again after this long, not for every post meanwhile. */
    private static final Duration FAILURE_KEPT = Duration.ofMinutes(1);
    private static final int MAX_KEPT = 10_000;

    /** What a domain asks receivers to do with mail that fails DMARC; ABSENT: no record. */
    public enum Policy { ABSENT, NONE, QUARANTINE, REJECT }

    private record Kept(Policy policy, Instant until) {
    }

    private final Resolver resolver;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    public DmarcPolicies(Resolver resolver, Clock clock) {
        this.resolver = resolver;
        this.clock = clock;
    }

    /** {@code HOST} or {@code HOST:PORT} (empty: the system's resolvers), answering within the timeout. */
    public static DmarcPolicies using(String resolver, Duration timeout, Clock clock) {
        try {
            Resolver r;
            if (resolver.isBlank()) {
                r = new ExtendedResolver();
            } else {
                int colon = resolver.lastIndexOf(':');
                boolean hasPort = colon > 0 && resolver.indexOf(':') == colon || resolver.startsWith("[") && resolver.contains("]:");
                SimpleResolver simple = new SimpleResolver(hasPort ? resolver.substring(0, colon).replaceAll("[\\[\\]]", "")
                        : resolver.replaceAll("[\\[\\]]", ""));
                if (hasPort) {
                    simple.setPort(Integer.parseInt(resolver.substring(colon + 1)));
                }
                r = simple;
            }
            r.setTimeout(timeout);
            return new DmarcPolicies(r, clock);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("parley.dns.resolver: unknown host '" + resolver + "'", e);
        }
    }

    /** The policy that applies to mail from this domain. */
    public Policy of(String domain) {
        String d = domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (d.isEmpty() || !d.matches("[a-z0-9._-]+")) {
            return Policy.ABSENT;
        }
        Kept k = kept.get(d);
        Instant now = clock.instant();
        if (k != null && k.until().isAfter(now)) {
            return k.policy();
        }
        Optional<Policy> policy = lookUp(d);
        if (kept.size() > MAX_KEPT) {
            kept.clear();
        }
        kept.put(d, new Kept(policy.orElse(Policy.ABSENT), now.plus(policy.isPresent() ? KEPT : FAILURE_KEPT)));
        return policy.orElse(Policy.ABSENT);
    }

    /** Empty when the resolver failed to answer. */
    private Optional<Policy> lookUp(String domain) {
        Optional<Optional<String>> record = record(domain);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        if (record.get().isPresent()) {
            return Optional.of(parse(record.get().get(), false));
        }
        Optional<String> organisational = organisational(domain);
        if (organisational.isEmpty() || organisational.get().equals(domain)) {
            return Optional.of(Policy.ABSENT);
        }
        Optional<Optional<String>> parent = record(organisational.get());
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parent.get().map(r -> parse(r, true)).orElse(Policy.ABSENT));
    }

    static Optional<String> organisational(String domain) {
        try {
            InternetDomainName name = InternetDomainName.from(domain);
            return name.isUnderPublicSuffix() ? Optional.of(name.topPrivateDomain().toString()) : Optional.empty();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The one DMARC record at {@code _dmarc.DOMAIN} (empty inside: none, or several); empty outside: no answer. */
    private Optional<Optional<String>> record(String domain) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString("_dmarc." + domain + "."), Type.TXT);
        } catch (TextParseException e) {
            return Optional.of(Optional.empty());
        }
        lookup.setResolver(resolver);
        lookup.setCache(null);
        Record[] answers = lookup.run();
        if (lookup.getResult() == Lookup.TRY_AGAIN) {
            LOG.warn("dmarc lookup failed domain={} error={} (the post goes out as if no policy were published;"
                    + " check parley.dns.resolver)", domain, lookup.getErrorString());
            return Optional.empty();
        }
        List<String> dmarc = new ArrayList<>();
        if (answers != null) {
            for (Record r : answers) {
                if (r instanceof TXTRecord txt) {
                    String text = String.join("", txt.getStrings());
                    if (text.matches("(?i)v\\s*=\\s*DMARC1\\s*(;.*)?")) {
                        dmarc.add(text);
                    }
                }
            }
        }
        return Optional.of(dmarc.size() == 1 ? Optional.of(dmarc.get(0)) : Optional.empty());
    }

    /** The p= (or, for a subdomain, sp=) of a record; one with an unknown or missing p is "none". */
    static Policy parse(String record, boolean subdomain) {
        String p = null;
        String sp = null;
        for (String tag : record.split(";")) {
            int eq = tag.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = tag.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = tag.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (name.equals("p")) {
                p = value;
            } else if (name.equals("sp")) {
                sp = value;
            }
        }
        String chosen = subdomain && sp != null ? sp : p;
        if (chosen == null) {
            return Policy.NONE;
        }
        return switch (chosen) {
            case "reject" -> Policy.REJECT;
            case "quarantine" -> Policy.QUARANTINE;
            default -> Policy.NONE;
        };
    }
}
