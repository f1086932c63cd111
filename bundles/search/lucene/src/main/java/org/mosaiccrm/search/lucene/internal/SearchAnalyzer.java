package org.mosaiccrm.search.lucene.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words of any script (Unicode word breaks, so Cyrillic as well as Latin), lower case, German
 * umlaut spellings made equal ({@code müller}, {@code muller} and {@code Mueller} all become
 * {@code muller}), then diacritics folded to ASCII ({@code Čebašek} becomes {@code cebasek}).
 * Index and queries use the same chain, so a query matches whichever spelling was stored.
 */
final class SearchAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, normalize(fieldName, source));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new GermanNormalizationFilter(new LowerCaseFilter(in)));
    }
}
