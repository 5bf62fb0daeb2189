package org.parley.server;

/**
 * What a node of the forum does: all of it (one node, the default), the mail (listener,
 * routing, chores and delivery), or the web pages alone, so that the web can run on nodes of
 * its own behind a load balancer while every node shares one PostgreSQL.
 */
public enum Role {
    ALL(true, true),
    GATEWAY(true, false),
    WEB(false, true);

    private final boolean mail;
    private final boolean web;

    Role(boolean mail, boolean web) {
        this.mail = mail;
        this.web = web;
    }

    /** Whether this node takes mail, routes it, runs the chores and delivers. */
    public boolean mail() {
        return mail;
    }

    /** Whether this node serves the web pages. */
    public boolean web() {
        return web;
    }
}
