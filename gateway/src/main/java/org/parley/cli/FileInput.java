package org.parley.cli;

/**
 * A command that reads a file: it is read where the command was typed and sent as
 * standard input when a running server carries the command out.
 */
interface FileInput {
    /** The file named on the command line, or "-" for standard input. */
    String file();
}
