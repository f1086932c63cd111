package org.mosaiccrm.search.lucene.internal;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/** Counts every matching document by record type: the facets of a search. */
final class TypeCounts implements Collector {

    private final Map<String, Long> counts = new TreeMap<>();
    private SortedDocValues leafTypes;
    private long[] leafCounts;

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        flush();
        leafTypes = DocValues.getSorted(context.reader(), Documents.TYPE);
        leafCounts = new long[Math.max(1, leafTypes.getValueCount())];
        SortedDocValues types = leafTypes;
        long[] perOrd = leafCounts;
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) throws IOException {
                if (types.advanceExact(doc)) {
                    perOrd[types.ordValue()]++;
                }
            }
        };
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** Counts by type, once the search has run. */
    Map<String, Long> counts() throws IOException {
        flush();
        return counts;
    }

    private void flush() throws IOException {
        if (leafTypes == null) {
            return;
        }
        for (int ord = 0; ord < leafTypes.getValueCount(); ord++) {
            if (leafCounts[ord] > 0) {
                counts.merge(leafTypes.lookupOrd(ord).utf8ToString(), leafCounts[ord], Long::sum);
            }
        }
        leafTypes = null;
    }
}
