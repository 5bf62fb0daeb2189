package org.parley.cli;

/**
 * A command that opens a file by its path wherever it runs, so that a large file is
 * streamed, never sent whole; when a running server carries the command out, the path is
 * made absolute first, so that it names the same file there.
 */
interface FilePath {
    /** The path as typed. */
    String path();
}
