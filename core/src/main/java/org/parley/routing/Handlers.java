package org.parley.routing;

/**
 * What acts on each kind of address once the dispatcher has read it: built together by the
 * composition root, so the dispatcher only decides and each handler only acts.
 */
public record Handlers(PostHandler posts, RequestHandler requests, OwnerHandler owners, ReplyHandler replies,
                       BounceHandler bounces, PostmasterHandler postmaster) {
}
