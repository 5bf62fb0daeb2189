package org.parley.cli;

/** Marks the commands that work on the store and so run inside a running server if there is one. */
interface AdminCommand {
}
