package org.parley.search;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * How each language's text is cut into words for the index and for queries alike: French,
 * English and Spanish stemmed lightly with accents folded (so {@code propriete} finds
 * {@code propriété}) and French elisions removed ({@code l'examen}); Russian stemmed lightly;
 * Arabic normalised (hamza, alef and teh marbuta forms, vowel marks) and stemmed lightly;
 * Chinese cut into words by smartcn, since it writes no spaces.
 */
final class Analyzers {
    private final Map<String, Analyzer> byLanguage = new ConcurrentHashMap<>();

    /** The analyzer of one language; a language without its own reads as folded, unstemmed words. */
    Analyzer of(String language) {
        return byLanguage.computeIfAbsent(language, Analyzers::make);
    }

    /**
     * Every language field ({@code text_fr}, {@code subject_zh}, ...) analysed by its
     * language, at indexing and at query time alike; anything else as plain folded words.
     */
    Analyzer perField() {
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return of(Fields.languageOf(fieldName));
            }
        };
    }

    private static Analyzer make(String language) {
        return switch (language) {
            case "fr" -> folded(FrenchAnalyzer.getDefaultStopSet(), s -> new FrenchLightStemFilter(s), true);
            case "es" -> folded(SpanishAnalyzer.getDefaultStopSet(), s -> new SpanishLightStemFilter(s), false);
            case "en" -> folded(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET,
                    s -> new PorterStemFilter(new EnglishPossessiveFilter(s)), false);
            case "ru" -> folded(RussianAnalyzer.getDefaultStopSet(), s -> new RussianLightStemFilter(s), false);
            case "ar" -> new ArabicAnalyzer();
            case "zh" -> new SmartChineseAnalyzer();
            default -> folded(CharArraySet.EMPTY_SET, s -> s, false);
        };
    }

    private static Analyzer folded(CharArraySet stopWords, UnaryOperator<TokenStream> stem, boolean elision) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = elision ? new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES) : source;
                stream = new StopFilter(new LowerCaseFilter(stream), stopWords);
                // Folded before stemming, on both sides: a query typed without accents meets the text with them.
                return new TokenStreamComponents(source, stem.apply(new AsciiFolding(stream)));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new AsciiFolding(new LowerCaseFilter(in));
            }
        };
    }
}
