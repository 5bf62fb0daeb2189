package org.parley.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.parley.model.Delegation;
import org.parley.model.Delivery;
import org.parley.model.Member;
import org.parley.model.Role;
import org.parley.model.Subscription;

/** Members and their subscriptions. Rosters are read a page at a time, never whole. */
public final class Members {
    private final EntityManager em;
    private final CurrentRosters currentRosters;

    Members(EntityManager em, CurrentRosters currentRosters) {
        this.em = em;
        this.currentRosters = currentRosters;
    }

    /** Adds a member; empty if the address is taken. */
    public Optional<Member> add(Member member, Instant now) {
        if (find(member.email()).isPresent()) {
            return Optional.empty();
        }
        MemberRow row = new MemberRow();
        row.email = member.email();
        row.displayName = member.name();
        row.delegation = member.delegation();
        row.language = member.language();
        row.memberRole = member.role().name();
        row.trusted = member.trusted();
        row.focalPoint = member.focalPoint();
        row.moderatedLanguages = String.join(",", member.moderatedLanguages());
        row.createdAt = now.toEpochMilli();
        em.persist(row);
        em.flush();
        return Optional.of(toMember(row));
    }

    public Optional<Member> find(String email) {
        return em.createQuery("SELECT m FROM MemberRow m WHERE m.email = :email", MemberRow.class)
                .setParameter("email", email.toLowerCase(Locale.ROOT))
                .getResultStream().findFirst().map(Members::toMember);
    }

    /** A member and their subscription to one list, if they have one. */
    public record Subscribed(Member member, Optional<Subscription> subscription) {
    }

    /** The member with this address and their subscription to a list, in one statement: asked of every post. */
    public Optional<Subscribed> findSubscribed(String email, String list) {
        return em.createQuery("SELECT m, s FROM MemberRow m LEFT JOIN SubscriptionRow s"
                        + " ON s.memberId = m.id AND s.listName = :l WHERE m.email = :email", Object[].class)
                .setParameter("email", email.toLowerCase(Locale.ROOT)).setParameter("l", list)
                .getResultStream().findFirst()
                .map(r -> new Subscribed(toMember((MemberRow) r[0]),
                        Optional.ofNullable((SubscriptionRow) r[1]).map(SubscriptionRow::toSubscription)));
    }

    public Optional<Member> find(long id) {
        return Optional.ofNullable(em.find(MemberRow.class, id)).map(Members::toMember);
    }

    /** The member's time zone for dates on pages; UTC until they choose one. */
    public String timeZone(long id) {
        MemberRow row = em.find(MemberRow.class, id);
        return row == null || row.timeZone == null ? "UTC" : row.timeZone;
    }

    /** Changes what a member may change about themselves. */
    public void updatePreferences(long id, String language, String timeZone) {
        MemberRow row = em.find(MemberRow.class, id);
        row.language = language;
        row.timeZone = timeZone;
    }

    /** Subscribes, or changes the delivery of an existing subscription. */
    public void subscribe(long memberId, String list, Delivery delivery, Instant now) {
        SubscriptionRow row = subscriptionRow(memberId, list).orElseGet(() -> {
            SubscriptionRow fresh = new SubscriptionRow();
            fresh.memberId = memberId;
            fresh.listName = list;
            fresh.createdAt = now.toEpochMilli();
            em.persist(fresh);
            return fresh;
        });
        if (!delivery.name().equals(row.deliveryMode)) {
            // A member who chooses their delivery while bounces stopped it has it back: they are reading.
            row.deliveryMode = delivery.name();
            row.resumeMode = null;
            row.stoppedAt = 0;
            row.warnings = 0;
            row.bounceScore = 0;
            rosterChanged(list);
        }
    }

    /** Ends a subscription; false if there was none. */
    public boolean unsubscribe(long memberId, String list) {
        boolean ended = em.createQuery("DELETE FROM SubscriptionRow s WHERE s.memberId = :m AND s.listName = :l")
                .setParameter("m", memberId).setParameter("l", list).executeUpdate() > 0;
        if (ended) {
            rosterChanged(list);
        }
        return ended;
    }

    /** Every change to who receives a list's mail goes through here; see {@link Rosters}. */
    void rosterChanged(String list) {
        em.createQuery("UPDATE ListRow l SET l.rosterVersion = COALESCE(l.rosterVersion, 0) + 1 WHERE l.name = :n")
                .setParameter("n", list).executeUpdate();
        currentRosters.changed(list);
    }

    /** The id of a subscription, for a link that ends it. */
    public Optional<Long> subscriptionId(long memberId, String list) {
        return subscriptionRow(memberId, list).map(row -> row.id);
    }

    /** The list and the address of a subscription, by its id. */
    public Optional<String[]> subscriptionTarget(long id) {
        return em.createQuery("SELECT s.listName, m.email FROM SubscriptionRow s, MemberRow m WHERE s.memberId = m.id"
                + " AND s.id = :id", Object[].class).setParameter("id", id).getResultStream().findFirst()
                .map(r -> new String[] {(String) r[0], (String) r[1]});
    }

    public Optional<Subscription> subscription(long memberId, String list) {
        return subscriptionRow(memberId, list)
                .map(SubscriptionRow::toSubscription);
    }

    private Optional<SubscriptionRow> subscriptionRow(long memberId, String list) {
        return em.createQuery("SELECT s FROM SubscriptionRow s WHERE s.memberId = :m AND s.listName = :l",
                        SubscriptionRow.class)
                .setParameter("m", memberId).setParameter("l", list)
                .getResultStream().findFirst();
    }

    /** One page of members, of a list or of the forum, in address order. */
    public List<Member> page(Optional<String> list, int offset, int limit) {
        var query = list.isPresent()
                ? em.createQuery("SELECT m FROM MemberRow m, SubscriptionRow s WHERE s.memberId = m.id"
                        + " AND s.listName = :l ORDER BY m.email", MemberRow.class).setParameter("l", list.get())
                : em.createQuery("SELECT m FROM MemberRow m ORDER BY m.email", MemberRow.class);
        return query.setFirstResult(offset).setMaxResults(limit).getResultStream().map(Members::toMember).toList();
    }

    /** The lists of several members (a delegation's), with delivery, in one query. */
    public Map<Long, List<Subscription>> subscriptions(List<Long> memberIds) {
        Map<Long, List<Subscription>> out = new HashMap<>();
        if (memberIds.isEmpty()) {
            return out;
        }
        em.createQuery("SELECT s FROM SubscriptionRow s WHERE s.memberId IN :m ORDER BY s.listName", SubscriptionRow.class)
                .setParameter("m", memberIds).getResultStream()
                .forEach(row -> out.computeIfAbsent(row.memberId, k -> new ArrayList<>())
                        .add(row.toSubscription()));
        return out;
    }

    /** The lists a member is on, with delivery. */
    public List<Subscription> subscriptions(long memberId) {
        return em.createQuery("SELECT s FROM SubscriptionRow s WHERE s.memberId = :m ORDER BY s.listName",
                        SubscriptionRow.class)
                .setParameter("m", memberId).getResultStream()
                .map(SubscriptionRow::toSubscription).toList();
    }

    /** Who moderates a list in this language: its language's moderators, chief moderators and administrators. */
    public List<Member> moderators(String language) {
        return withRoles(Role.MODERATOR, Role.CHIEF_MODERATOR, Role.ADMIN).stream()
                .filter(m -> m.moderates(language)).toList();
    }

    /** Who hears of posts that wait too long: the chief moderators, or the administrators if there are none. */
    public List<Member> chiefModerators() {
        List<Member> chiefs = withRoles(Role.CHIEF_MODERATOR);
        return chiefs.isEmpty() ? withRoles(Role.ADMIN) : chiefs;
    }

    /** Who reads mail to postmaster@: the administrators, else the chief moderators, else every moderator. */
    public List<Member> administrators() {
        List<Member> admins = withRoles(Role.ADMIN);
        if (!admins.isEmpty()) {
            return admins;
        }
        List<Member> chiefs = withRoles(Role.CHIEF_MODERATOR);
        return chiefs.isEmpty() ? withRoles(Role.MODERATOR) : chiefs;
    }

    // Moderators are few (a handful per language), so reading them whole is fine.
    private List<Member> withRoles(Role... roles) {
        return em.createQuery("SELECT m FROM MemberRow m WHERE m.memberRole IN :roles ORDER BY m.email", MemberRow.class)
                .setParameter("roles", Arrays.stream(roles).map(Role::name).toList())
                .getResultStream().map(Members::toMember).toList();
    }

    /** Changes a member's name, delegation and language, as an import does. */
    public void updateProfile(long id, String name, String delegation, String language) {
        MemberRow row = em.find(MemberRow.class, id);
        row.displayName = name;
        row.delegation = delegation;
        row.language = language;
    }

    /** Records that a member accepted a version of the protocol. */
    public void acceptProtocol(long id, String version, Instant at) {
        MemberRow row = em.find(MemberRow.class, id);
        row.protocolVersion = version;
        row.protocolAcceptedAt = at.toEpochMilli();
    }

    /** The version of the protocol a member accepted, if any. */
    public Optional<String> acceptedProtocol(long id) {
        MemberRow row = em.find(MemberRow.class, id);
        return row == null ? Optional.empty() : Optional.ofNullable(row.protocolVersion);
    }

    /** Changes what an administrator may change about a member; empty values are left as they are. */
    public void update(long id, Optional<Role> role, Optional<Set<String>> moderatedLanguages,
                       Optional<Boolean> trusted, Optional<Boolean> focalPoint) {
        MemberRow row = em.find(MemberRow.class, id);
        role.ifPresent(r -> row.memberRole = r.name());
        moderatedLanguages.ifPresent(l -> row.moderatedLanguages = String.join(",", new TreeSet<>(l)));
        trusted.ifPresent(t -> row.trusted = t);
        focalPoint.ifPresent(f -> row.focalPoint = f);
    }

    /**
     * Forgets a member: the row stays (their posts and decisions point to it) with a
     * placeholder address and name, no password, no role above delegate, no focal point;
     * their subscriptions, sign-in links and sessions go. Returns the lists they left.
     */
    public List<String> forget(long id, String placeholder, String name) {
        MemberRow row = em.find(MemberRow.class, id);
        List<String> lists = subscriptions(id).stream().map(Subscription::list).toList();
        em.createQuery("DELETE FROM SubscriptionRow s WHERE s.memberId = :m").setParameter("m", id).executeUpdate();
        lists.forEach(this::rosterChanged);
        em.createQuery("DELETE FROM AccessLinkRow a WHERE a.memberId = :m").setParameter("m", id).executeUpdate();
        em.createQuery("DELETE FROM SessionRow s WHERE s.memberId = :m").setParameter("m", id).executeUpdate();
        row.email = placeholder;
        row.displayName = name;
        row.passwordHash = null;
        row.timeZone = null;
        row.trusted = false;
        row.focalPoint = false;
        row.moderatedLanguages = "";
        if (Role.valueOf(row.memberRole) != Role.GUEST) {
            row.memberRole = Role.DELEGATE.name();
        }
        return lists;
    }

    /** The focal points of a delegation (a handful at most), by address. */
    public List<Member> focalPoints(String delegation) {
        if (delegation.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT m FROM MemberRow m WHERE m.delegation = :d AND m.focalPoint = TRUE ORDER BY m.email",
                        MemberRow.class).setParameter("d", delegation).getResultStream().map(Members::toMember).toList();
    }

    /**
     * The Member State an address belongs to, judged by its domain: the one delegation whose
     * members write from that domain, if exactly one does (a shared provider's domain names
     * several, or none, and so nobody).
     */
    public Optional<String> delegationOfDomain(String email) {
        String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        List<String> found = em.createQuery("SELECT DISTINCT m.delegation FROM MemberRow m WHERE m.email LIKE :d"
                        + " AND m.delegation <> ''", String.class)
                .setParameter("d", "%@" + domain) // a domain is letters, digits, dots and hyphens: nothing to escape
                .setMaxResults(2).getResultList();
        return found.size() == 1 && Delegation.kind(found.get(0)) == Delegation.Kind.MEMBER_STATE
                ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** The members of a delegation, by name, one page. */
    public List<Member> ofDelegation(String delegation, int offset, int limit) {
        return em.createQuery("SELECT m FROM MemberRow m WHERE m.delegation = :d ORDER BY m.displayName, m.email",
                        MemberRow.class).setParameter("d", delegation).setFirstResult(offset).setMaxResults(limit)
                .getResultStream().map(Members::toMember).toList();
    }

    static Member toMember(MemberRow row) {
        Set<String> moderated = row.moderatedLanguages == null || row.moderatedLanguages.isBlank()
                ? Set.of() : Set.of(row.moderatedLanguages.split(","));
        return new Member(row.id, row.email, row.displayName, row.delegation, row.language,
                Role.valueOf(row.memberRole), row.trusted, moderated, row.focalPoint);
    }
}
