package org.mosaiccrm.search.lucene.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * What a user typed, as Lucene queries. Every word must match, each either exactly or as the
 * start of a word (while typing) — the strict query — or, in the tolerant one, also with a typo
 * or two (one for words of four to six letters, two above); exact matches and title matches
 * score higher. Something that looks like an email address, domain or phone number also matches
 * its exact lookup term. The filters for record types and for access (owner or team) are clauses
 * of the same query, so that hits and counts only ever include what the user may read.
 */
final class QueryBuilder {

    /** Words beyond this many are ignored; a search box is not a document. */
    static final int MAX_WORDS = 8;

    private final Analyzer analyzer;

    QueryBuilder(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** Who asks: null for an administrator (no access filter). */
    record Reach(String userId, String teamId) {
    }

    /**
     * The queries for one search. Typo matching is by far the dearest part of a query (each
     * fuzzy word becomes a disjunction of up to 50 similar terms), and a word spelled as stored
     * makes it moot, so the strict query runs first and the tolerant one only when the strict
     * one does not fill the page; {@code tolerant} is null when no word is long enough for typos.
     */
    record Plan(Query strict, Query tolerant, List<String> words) {
    }

    Plan plan(String text, Collection<String> types, Reach reach) {
        return plan(text, types, filters(types, reach));
    }

    /**
     * The plan for the shared records (no owner, no team) of one type that carry every field
     * value given: what {@link SearchService#search(String, String, java.util.Map, int)} asks.
     */
    Plan sharedPlan(String text, String type, java.util.Map<String, String> fields) {
        List<Query> filters = filters(List.of(type), null);
        filters.add(new TermQuery(new Term(Documents.SHARED, "1")));
        fields.forEach((name, value) -> filters.add(new TermQuery(new Term(Documents.FIELD_PREFIX + name,
                value.toLowerCase(java.util.Locale.ROOT)))));
        return plan(text, List.of(type), filters);
    }

    private Plan plan(String text, Collection<String> types, List<Query> filters) {
        // The text is analysed once; both queries share its words, lookups and filters.
        List<String> words = words(text);
        List<String> lookups = Lookups.forQuery(text);
        if (words.isEmpty() && lookups.isEmpty() || types.isEmpty()) {
            return new Plan(new MatchNoDocsQuery(), null, words);
        }
        Query strict = filtered(match(words, lookups, false), filters);
        boolean typos = words.stream().anyMatch(w -> edits(w) > 0);
        return new Plan(strict, typos ? filtered(match(words, lookups, true), filters) : null, words);
    }

    /**
     * The record types asked for, and the user's reach (owner or team, or the company's shared
     * records such as products) unless an administrator asks.
     */
    private static List<Query> filters(Collection<String> types, Reach reach) {
        List<Query> filters = new ArrayList<>();
        filters.add(new TermInSetQuery(Documents.TYPE, types.stream().map(BytesRef::new).collect(Collectors.toList())));
        if (reach != null) {
            filters.add(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Documents.OWNER, reach.userId())), Occur.SHOULD)
                    .add(new TermQuery(new Term(Documents.TEAM, reach.teamId() == null ? "" : reach.teamId())), Occur.SHOULD)
                    .add(new TermQuery(new Term(Documents.SHARED, "1")), Occur.SHOULD)
                    .build());
        }
        return filters;
    }

    private static Query filtered(Query match, List<Query> filters) {
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(match, Occur.MUST);
        filters.forEach(f -> q.add(f, Occur.FILTER));
        return q.build();
    }

    /** The matching part: every word, or one of the exact lookups. */
    private static Query match(List<String> words, List<String> lookups, boolean typos) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : words) {
            all.add(word(word, typos), Occur.MUST);
        }
        if (lookups.isEmpty()) {
            return all.build();
        }
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        if (!words.isEmpty()) {
            either.add(all.build(), Occur.SHOULD);
        }
        for (String lookup : lookups) {
            either.add(new BoostQuery(new TermQuery(new Term(Documents.LOOKUP, lookup)), 10f), Occur.SHOULD);
        }
        return either.build();
    }

    private static Query word(String word, boolean typos) {
        BooleanQuery.Builder alternatives = new BooleanQuery.Builder()
                .add(new BoostQuery(new TermQuery(new Term(Documents.ALL, word)), 4f), Occur.SHOULD)
                .add(new BoostQuery(new TermQuery(new Term(Documents.TITLE, word)), 2f), Occur.SHOULD);
        if (word.length() >= 2) {
            alternatives.add(new BoostQuery(new PrefixQuery(new Term(Documents.ALL, word)), 1.5f), Occur.SHOULD);
        }
        if (typos && edits(word) > 0) {
            alternatives.add(new FuzzyQuery(new Term(Documents.ALL, word), edits(word), 1, 50, true), Occur.SHOULD);
        }
        return alternatives.build();
    }

    private static int edits(String word) {
        return word.length() >= 7 ? 2 : word.length() >= 4 ? 1 : 0;
    }

    /** The analysed words of the text, as the index holds them. */
    List<String> words(String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(Documents.ALL, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && words.size() < MAX_WORDS) {
                words.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
