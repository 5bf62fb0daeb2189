package org.parley.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.testing.LoopbackDns;
import org.parley.testing.MutableClock;

class DmarcPoliciesTest {
    private LoopbackDns dns;
    private MutableClock clock;
    private DmarcPolicies policies;

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDns()
                .txt("_dmarc.diplomatie.gouv.fr", "v=DMARC1; p=reject; rua=mailto:dmarc@diplomatie.gouv.fr")
                .txt("_dmarc.exteriores.gob.es", "v=DMARC1;p=quarantine;pct=100")
                .txt("_dmarc.bund.de", "v=DMARC1; p=none")
                .txt("_dmarc.example.org", "not a dmarc record")
                .txt("_dmarc.ministry.gov.uk", "v=DMARC1; p=none; sp=reject")
                .txt("_dmarc.mfa.ee", "v=DMARC1; p=reject")
                .silent("_dmarc.slow.example.");
        clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        policies = DmarcPolicies.using(dns.address(), Duration.ofMillis(300), clock);
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void eachPolicyAsPublished() {
        assertEquals(DmarcPolicies.Policy.REJECT, policies.of("diplomatie.gouv.fr"));
        assertEquals(DmarcPolicies.Policy.QUARANTINE, policies.of("EXTERIORES.gob.es"));
        assertEquals(DmarcPolicies.Policy.NONE, policies.of("bund.de"));
        assertEquals(DmarcPolicies.Policy.ABSENT, policies.of("example.org"), "a TXT record that is not DMARC's");
        assertEquals(DmarcPolicies.Policy.ABSENT, policies.of("nothing-here.example"));
    }

    @Test
    void aSubdomainFallsBackToItsOrganisationalDomainAndItsSubdomainPolicy() {
        // gov.uk is a public suffix: the organisational domain of mail.ministry.gov.uk is ministry.gov.uk.
        assertEquals(DmarcPolicies.Policy.REJECT, policies.of("mail.ministry.gov.uk"), "sp=reject");
        assertEquals(DmarcPolicies.Policy.NONE, policies.of("ministry.gov.uk"), "its own p=none");
        assertEquals(DmarcPolicies.Policy.REJECT, policies.of("tallinn.mfa.ee"), "p= where there is no sp=");
    }

    @Test
    void aResolverThatDoesNotAnswerFailsOpenAndAnswersAreKeptAWhile() {
        long start = System.nanoTime();
        assertEquals(DmarcPolicies.Policy.ABSENT, policies.of("slow.example"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        int silent = dns.questions();
        start = System.nanoTime();
        assertEquals(DmarcPolicies.Policy.ABSENT, policies.of("slow.example"));
        assertTrue(System.nanoTime() - start < Duration.ofMillis(100).toNanos(), "a failure is kept a minute");
        assertEquals(silent, dns.questions());
        clock.advance(Duration.ofSeconds(61));
        policies.of("slow.example");
        assertTrue(dns.questions() > silent, "and asked again after it");
        int asked = dns.questions();
        policies.of("diplomatie.gouv.fr");
        policies.of("diplomatie.gouv.fr");
        assertEquals(asked + 1, dns.questions(), "the second answer comes from the cache");
        clock.advance(Duration.ofMinutes(11));
        policies.of("diplomatie.gouv.fr");
        assertEquals(asked + 2, dns.questions(), "kept ten minutes");
        assertEquals(DmarcPolicies.Policy.ABSENT, policies.of("bad domain!"));
    }
}
