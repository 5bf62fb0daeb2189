package org.parley.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The table folds every char as Lucene's filter does, so an index made by either reads the same. */
class AsciiFoldingTest {
    private static List<String> tokens(Tokenizer source, String text, UnaryOperator<TokenStream> filter)
            throws IOException {
        source.setReader(new StringReader(text));
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = filter.apply(source)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }

    @Test
    void everyCharFoldsAsLuceneFoldsIt() throws IOException {
        for (int from = 0; from <= Character.MAX_VALUE; from += 1000) {
            StringBuilder word = new StringBuilder("x");
            for (int c = from; c < Math.min(from + 1000, Character.MAX_VALUE + 1); c++) {
                word.append((char) c);
            }
            String text = word.toString();
            assertEquals(tokens(new KeywordTokenizer(), text, ASCIIFoldingFilter::new),
                    tokens(new KeywordTokenizer(), text, AsciiFolding::new), "chars from " + from);
        }
    }

    @Test
    void wordsWithAndWithoutSomethingToFoldInOneText() throws IOException {
        String text = "propriété Ærøskøbing straße ﬁnal Москва 北京 مرحبا plain ｆｕｌｌ ①②";
        List<String> folded = tokens(new WhitespaceTokenizer(), text, AsciiFolding::new);
        assertEquals(tokens(new WhitespaceTokenizer(), text, ASCIIFoldingFilter::new), folded);
        assertEquals(List.of("propriete", "AEroskobing", "strasse", "final", "Москва", "北京", "مرحبا", "plain", "full",
                "12"), folded);
    }
}
