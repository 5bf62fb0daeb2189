package org.parley.bench;

import java.io.PrintStream;

/** A one-line progress bar on the console, redrawn in place. */
public final class Progress {
    private final PrintStream out;
    private final boolean enabled;
    private String label = "";
    private long lastDraw;

    public Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    public void update(String label, long done, long total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (label.equals(this.label) && now - lastDraw < 200_000_000L && done < total) {
            return;
        }
        this.label = label;
        lastDraw = now;
        int width = 30;
        int filled = total <= 0 ? width : (int) Math.min(width, done * width / total);
        out.printf("\r%-26s [%s%s] %,d/%,d   ", label, "#".repeat(filled), ".".repeat(width - filled), done, total);
        out.flush();
    }

    public void done() {
        if (enabled) {
            out.print("\r" + " ".repeat(90) + "\r");
            out.flush();
        }
    }
}
