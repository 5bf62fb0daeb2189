package org.parley.search;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Folds letters to ASCII exactly as Lucene's {@link ASCIIFoldingFilter} does, by table. That
 * filter's {@code foldToASCII} is one method of 14,000 bytes of bytecode, over HotSpot's
 * {@code HugeMethodLimit} (8,000), so it is never compiled: every word with a letter beyond
 * ASCII (each Russian one, each accented French one) went through the interpreter, a fifth of
 * the index thread's time. The table is made once by asking that method about every char, so
 * the folding is the same by construction, and a word with nothing to fold is left untouched.
 */
final class AsciiFolding extends TokenFilter {
    /** A char's folding, by the char's value; null where it folds to itself. */
    private static final char[][] FOLDED = table();

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private char[] out = new char[64];

    AsciiFolding(TokenStream input) {
        super(input);
    }

    private static char[][] table() {
        char[][] table = new char[Character.MAX_VALUE + 1][];
        char[] one = new char[1];
        char[] folded = new char[4]; // the most one char folds to
        for (int c = 0x80; c <= Character.MAX_VALUE; c++) {
            one[0] = (char) c;
            int length = ASCIIFoldingFilter.foldToASCII(one, 0, folded, 0, 1);
            if (length != 1 || folded[0] != c) {
                table[c] = Arrays.copyOf(folded, length);
            }
        }
        return table;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        char[] buffer = term.buffer();
        int length = term.length();
        int first = 0;
        while (first < length && FOLDED[buffer[first]] == null) {
            first++;
        }
        if (first == length) {
            return true;
        }
        if (out.length < length * 4) {
            out = new char[length * 4]; // the most a char folds to is four
        }
        System.arraycopy(buffer, 0, out, 0, first);
        int at = first;
        for (int i = first; i < length; i++) {
            char[] folded = FOLDED[buffer[i]];
            if (folded == null) {
                out[at++] = buffer[i];
            } else {
                System.arraycopy(folded, 0, out, at, folded.length);
                at += folded.length;
            }
        }
        term.copyBuffer(out, 0, at);
        return true;
    }
}
