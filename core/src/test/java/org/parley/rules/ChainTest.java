package org.parley.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.config.Settings;
import org.parley.inbound.Post;
import org.parley.inbound.PostParser;
import org.parley.inbound.RawMessage;
import org.parley.model.Delivery;
import org.parley.model.Discussion;
import org.parley.model.ForumList;
import org.parley.model.Invitation;
import org.parley.model.Member;
import org.parley.model.NonMemberAction;
import org.parley.model.Role;
import org.parley.model.Subscription;

/**
 * The moderation policy read as a table: each rule alone on the post it is about, and the
 * chain's order, first rule that decides wins, its name in the hits header.
 */
class ChainTest {
    private static final PostParser PARSER = new PostParser("forum.test");
    private static final ForumList LIST = new ForumList("strategies-fr", "strategies", "fr", "Stratégies");
    private static final Settings.Moderation MODERATION = new Settings.Moderation(Duration.ofDays(14),
            NonMemberAction.HOLD, 10_000, 5, Duration.ofHours(48));
    private static final Member TRUSTED = new Member(1, "claire@fr.test", "Claire", "FR", "fr", Role.DELEGATE, true);
    private static final Member UNTRUSTED = new Member(2, "jean@fr.test", "Jean", "FR", "fr", Role.DELEGATE, false);
    private static final Member GUEST = new Member(3, "guest@ngo.test", "Guest", "NGO", "fr", Role.GUEST, false);
    private static final Member MODERATOR = new Member(4, "ana@un.test", "Ana", "UN", "en", Role.MODERATOR, false);

    private static Post post(String headers) {
        return PARSER.parse((headers + "Subject: x\r\nMessage-ID: <p@fr.test>\r\n\r\nBonjour\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Post from(Member member) {
        return post("From: " + member.email() + "\r\n");
    }

    private static ListContext context(Optional<Member> sender, boolean subscribed) {
        return new ListContext(LIST, "forum.test", sender,
                subscribed ? sender.map(m -> new Subscription(m.id(), LIST.name(), Delivery.EACH)) : Optional.empty(),
                false, MODERATION);
    }

    private static ListContext member(Member m) {
        return context(Optional.of(m), true);
    }

    private static Optional<Decision> judge(Rule rule, Post post, ListContext list) {
        return rule.judge(post, list);
    }

    private static Discussion discussion(Discussion.State state) {
        return new Discussion(7, "strategies", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), state,
                Map.of("fr", new Discussion.Text("Brevets verts", "...")));
    }

    @Test
    void theChainReadsTopToBottomLikeAFirewallTable() {
        assertEquals(List.of("unreadable", "loop", "automatic", "duplicate", "no-sender", "too-big", "guest",
                "non-member", "discussion-closed", "moderated"), Chain.standard().names());
    }

    @Test
    void aTrustedMembersPostIsAcceptedWithNoHits() {
        Verdict verdict = Chain.standard().run(from(TRUSTED), member(TRUSTED));
        assertInstanceOf(Decision.Accept.class, verdict.decision());
        assertEquals("", verdict.hitsHeader());
    }

    @Test
    void theFirstRuleThatDecidesEndsTheChainAndNamesItself() {
        Post loopedFromStranger = post("From: x@y.test\r\nList-Id: <strategies-en.forum.test>\r\n");
        Verdict verdict = Chain.standard().run(loopedFromStranger, context(Optional.empty(), false));
        assertEquals(new Decision.Discard(HoldReason.LOOP), verdict.decision());
        assertEquals("loop", verdict.hitsHeader());
    }

    @Test
    void unreadableHoldsWhatCouldNotBeParsed() {
        // What the parser makes of bytes its MIME reader gave up on: an id, and the problem.
        Post garbage = new Post("<parley.0@forum.test>", true, "", "", "", Optional.empty(), "", List.of(),
                new Post.Headers(List.of(), List.of(), "", "", "", ""), 6, "", List.of("unparseable: MimeException"),
                List.of(), RawMessage.parse("garbage".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.of(new Decision.Hold(HoldReason.UNREADABLE)), judge(new Unreadable(), garbage, member(TRUSTED)));
        assertEquals(Optional.empty(), judge(new Unreadable(), from(TRUSTED), member(TRUSTED)));
    }

    @Test
    void loopDetectedDiscardsOurOwnListIdOrLoopHeaderAndNothingElse() {
        assertEquals(Optional.of(new Decision.Discard(HoldReason.LOOP)), judge(new LoopDetected(),
                post("From: a@b.test\r\nList-Id: \"S\" <strategies-es.forum.test>\r\n"), member(TRUSTED)));
        assertEquals(Optional.of(new Decision.Discard(HoldReason.LOOP)), judge(new LoopDetected(),
                post("From: a@b.test\r\nX-Parley-Loop: strategies-es@forum.test\r\n"), member(TRUSTED)));
        assertEquals(Optional.empty(), judge(new LoopDetected(),
                post("From: a@b.test\r\nList-Id: <other.lists.example.org>\r\n"), member(TRUSTED)));
    }

    @Test
    void automaticRepliesAreDiscarded() {
        assertEquals(Optional.of(new Decision.Discard(HoldReason.AUTOMATIC)), judge(new AutomaticReply(),
                post("From: a@b.test\r\nAuto-Submitted: auto-replied\r\n"), member(TRUSTED)));
        assertEquals(Optional.of(new Decision.Discard(HoldReason.AUTOMATIC)), judge(new AutomaticReply(),
                post("From: MAILER-DAEMON@b.test\r\n"), member(TRUSTED)));
        assertEquals(Optional.empty(), judge(new AutomaticReply(),
                post("From: a@b.test\r\nAuto-Submitted: no\r\n"), member(TRUSTED)));
    }

    @Test
    void aMessageSeenBeforeIsDiscarded() {
        ListContext seen = new ListContext(LIST, "forum.test", Optional.of(TRUSTED), Optional.empty(), true, MODERATION);
        assertEquals(Optional.of(new Decision.Discard(HoldReason.DUPLICATE)), judge(new DuplicateMessage(),
                from(TRUSTED), seen));
        assertEquals(Optional.empty(), judge(new DuplicateMessage(), from(TRUSTED), member(TRUSTED)));
    }

    @Test
    void aPostWithoutSenderIsHeld() {
        assertEquals(Optional.of(new Decision.Hold(HoldReason.NO_SENDER)), judge(new NoSender(), post(""),
                context(Optional.empty(), false)));
    }

    @Test
    void aPostOverTheListLimitIsHeld() {
        Post big = PARSER.parse(("From: a@b.test\r\nSubject: x\r\n\r\n" + "x".repeat(20_000) + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of(new Decision.Hold(HoldReason.TOO_BIG)), judge(new TooBig(), big, member(TRUSTED)));
        assertEquals(Optional.empty(), judge(new TooBig(), from(TRUSTED), member(TRUSTED)));
    }

    @Test
    void aGuestPostsOnlyInItsOpenDiscussionAndIsAlwaysHeldThere() {
        Invitation active = new Invitation(1, GUEST.id(), 7, LIST.name(), Invitation.State.ACTIVE);
        ListContext inside = new ListContext(LIST, "forum.test", Optional.of(GUEST), Optional.empty(), false, MODERATION,
                Optional.of(discussion(Discussion.State.OPEN)), Optional.of(active));
        ListContext outside = new ListContext(LIST, "forum.test", Optional.of(GUEST), Optional.empty(), false, MODERATION,
                Optional.empty(), Optional.of(active));
        ListContext closed = new ListContext(LIST, "forum.test", Optional.of(GUEST), Optional.empty(), false, MODERATION,
                Optional.of(discussion(Discussion.State.CLOSED)), Optional.of(active));
        ListContext revoked = new ListContext(LIST, "forum.test", Optional.of(GUEST), Optional.empty(), false, MODERATION,
                Optional.of(discussion(Discussion.State.OPEN)),
                Optional.of(new Invitation(1, GUEST.id(), 7, LIST.name(), Invitation.State.REVOKED)));
        assertEquals(Optional.of(new Decision.Hold(HoldReason.GUEST)), judge(new GuestInDiscussion(), from(GUEST), inside));
        assertEquals(Optional.of(new Decision.Reject(HoldReason.GUEST_OUTSIDE)),
                judge(new GuestInDiscussion(), from(GUEST), outside));
        assertEquals(Optional.of(new Decision.Reject(HoldReason.GUEST_ENDED)),
                judge(new GuestInDiscussion(), from(GUEST), closed));
        assertEquals(Optional.of(new Decision.Reject(HoldReason.GUEST_ENDED)),
                judge(new GuestInDiscussion(), from(GUEST), revoked));
        assertEquals(Optional.empty(), judge(new GuestInDiscussion(), from(TRUSTED), member(TRUSTED)));
    }

    @Test
    void aNonMemberIsHeldOrRejectedAsTheListOrTheForumSaysButAModeratorIsNoStranger() {
        Post stranger = post("From: someone@elsewhere.test\r\n");
        ListContext nobody = context(Optional.empty(), false);
        assertEquals(Optional.of(new Decision.Hold(HoldReason.NOT_MEMBER)), judge(new NonMember(), stranger, nobody));
        ForumList rejecting = new ForumList(LIST.name(), LIST.roomId(), "fr", "S",
                Optional.of(NonMemberAction.REJECT));
        assertEquals(Optional.of(new Decision.Reject(HoldReason.NOT_MEMBER)), judge(new NonMember(), stranger,
                new ListContext(rejecting, "forum.test", Optional.empty(), Optional.empty(), false, MODERATION)));
        assertEquals(Optional.empty(), judge(new NonMember(), from(MODERATOR), context(Optional.of(MODERATOR), false)));
        assertEquals(Optional.empty(), judge(new NonMember(), from(UNTRUSTED), member(UNTRUSTED)));
    }

    @Test
    void aPostInAClosedDiscussionIsHeld() {
        ListContext closed = new ListContext(LIST, "forum.test", Optional.of(TRUSTED), Optional.empty(), false, MODERATION,
                Optional.of(discussion(Discussion.State.CLOSED)), Optional.empty());
        assertEquals(Optional.of(new Decision.Hold(HoldReason.DISCUSSION_CLOSED)),
                judge(new ClosedDiscussion(), from(TRUSTED), closed));
        assertEquals(Optional.empty(), judge(new ClosedDiscussion(), from(TRUSTED), member(TRUSTED)));
    }

    @Test
    void everyoneButTrustedMembersAndModeratorsIsModerated() {
        assertEquals(Optional.of(new Decision.Hold(HoldReason.MODERATED)),
                judge(new ModerateUntrusted(), from(UNTRUSTED), member(UNTRUSTED)));
        assertEquals(Optional.empty(), judge(new ModerateUntrusted(), from(TRUSTED), member(TRUSTED)));
        assertEquals(Optional.empty(), judge(new ModerateUntrusted(), from(MODERATOR), member(MODERATOR)));
    }
}
