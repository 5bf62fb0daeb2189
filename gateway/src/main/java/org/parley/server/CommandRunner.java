package org.parley.server;

import java.io.PrintStream;

/** Runs a command line inside the server, for a client of the admin channel. */
@FunctionalInterface
public interface CommandRunner {
    int run(String[] args, byte[] stdin, PrintStream out, PrintStream err);
}
