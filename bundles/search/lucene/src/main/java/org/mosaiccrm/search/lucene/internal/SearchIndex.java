package org.mosaiccrm.search.lucene.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.mosaiccrm.search.api.SearchDocument;

/**
 * The Lucene index in one folder: one writer, near-real-time searchers, and commits that carry
 * how far the change log has been applied ({@link #committedData()}), so that after a crash the
 * index resumes from its last commit.
 */
final class SearchIndex implements Closeable {

    /** Highest change log sequence up to which every change is in the index. */
    static final String SEQUENCE = "mosaic.sequence";
    /** When the commit was made (epoch milliseconds). */
    static final String COMMITTED_AT = "mosaic.committedAt";
    /** Record types fully indexed, comma-separated. */
    static final String TYPES = "mosaic.types";
    /** Layout of the documents; an index of another layout is rebuilt. */
    static final String FORMAT = "mosaic.format";
    static final String CURRENT_FORMAT = "1";
    /** Present while a merge into one segment is owed (a full rebuild ended, {@link #mergeDown()} has not). */
    static final String MERGE_OWED = "mosaic.mergeOwed";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Snippets snippets;
    private final Map<String, String> committedData;
    /**
     * Whether a merge into one segment is owed. Recorded with every commit until the merge is
     * done, so that a shutdown in the middle of it (the index closes without waiting for
     * merges) leaves the next start to merge again rather than to serve a rebuilt index in
     * as many segments as the rebuild happened to leave.
     */
    private volatile boolean mergeOwed;

    private SearchIndex(Directory directory, IndexWriter writer, Analyzer analyzer, Map<String, String> committedData) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.snippets = new Snippets(analyzer);
        this.committedData = committedData;
        this.mergeOwed = committedData.containsKey(MERGE_OWED);
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens the index in the folder. A folder whose index cannot be read (corrupt, another
     * layout) is emptied, and so is a missing one created: both come back with empty
     * {@link #committedData()}, which tells the caller to rebuild.
     */
    static SearchIndex open(Path folder, Analyzer analyzer) throws IOException {
        return open(folder, analyzer, true);
    }

    /**
     * As {@link #open(Path, Analyzer)}; without merges on commit, small segments keep their
     * deleted documents until a compaction, as large ones do (for tests of the compaction).
     */
    static SearchIndex open(Path folder, Analyzer analyzer, boolean mergeOnCommit) throws IOException {
        Files.createDirectories(folder);
        Map<String, String> data = Map.of();
        FSDirectory dir = FSDirectory.open(folder);
        try {
            if (DirectoryReader.indexExists(dir)) {
                try (DirectoryReader reader = DirectoryReader.open(dir)) {
                    data = reader.getIndexCommit().getUserData();
                }
                if (!CURRENT_FORMAT.equals(data.get(FORMAT))) {
                    data = Map.of();
                }
            }
        } catch (IOException | RuntimeException e) {
            dir.close();
            wipe(folder);
            dir = FSDirectory.open(folder);
            data = Map.of();
        }
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(data.isEmpty() ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                .setRAMBufferSizeMB(64)
                // Closing keeps only what was committed (the caller commits with the change log
                // position first) and stops merges under way rather than waiting for them.
                .setCommitOnClose(false);
        if (!mergeOnCommit) {
            config.setMaxFullFlushMergeWaitMillis(0);
        }
        IndexWriter writer = new IndexWriter(dir, config);
        return new SearchIndex(dir, writer, analyzer, Map.copyOf(data));
    }

    private static void wipe(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** What the last commit recorded; empty for a new (or discarded) index. */
    Map<String, String> committedData() {
        return committedData;
    }

    void put(String type, SearchDocument doc, String generation) throws IOException {
        writer.updateDocument(Documents.key(type, doc.id()), Documents.of(type, doc, generation));
    }

    void remove(String type, String id) throws IOException {
        writer.deleteDocuments(Documents.key(type, id));
    }

    /** Drops documents of the type that a rebuild of this generation did not write: records gone meanwhile. */
    void removeStale(String type, String generation) throws IOException {
        writer.deleteDocuments(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Documents.TYPE, type)), Occur.FILTER)
                .add(new TermQuery(new Term(Documents.GENERATION, generation)), Occur.MUST_NOT)
                .build());
    }

    void commit(Map<String, String> data) throws IOException {
        Map<String, String> all = new HashMap<>(data);
        all.put(FORMAT, CURRENT_FORMAT);
        all.put(COMMITTED_AT, Long.toString(System.currentTimeMillis()));
        if (mergeOwed) {
            all.put(MERGE_OWED, "true");
        }
        writer.setLiveCommitData(all.entrySet());
        writer.commit();
    }

    /**
     * Merges away deleted documents (replaced or removed ones) and returns once done. A full
     * rebuild replaces every document, leaving a quarter to a half of the index deleted entries,
     * which made each query up to twice as slow until merges caught up. Searches go on meanwhile
     * and see the merged segments after the next {@link #refresh()}. Segments already in a merge
     * of the writer's own are left to it, so that merge is waited for too.
     */
    void compact() throws IOException {
        for (int round = 0; round < 3 && worthCompacting(); round++) {
            writer.forceMergeDeletes(true);
            if (writer.getConfig().getMergeScheduler() instanceof ConcurrentMergeScheduler merges) {
                merges.sync();
            }
        }
    }

    /**
     * Merges the whole index into one segment and returns once done: for after a full rebuild,
     * which rewrites every document and leaves them in as many segments as the writer's merges
     * happened to make. Every query visits every segment (a prefix is expanded against each
     * one's terms), so segments cost: on the 1.4 million documents of the benchmark, the 19
     * segments one rebuild left answered 1,822-2,026 prefix queries a second (4 threads, two
     * cores) and the same documents merged into one segment 2,914-3,040; the merge took 10 s.
     * It drops the replaced documents too, as {@link #compact()} does. Changes after it add small
     * segments again, which the writer's own merges keep in check.
     */
    void mergeDown() throws IOException {
        writer.forceMerge(1, true);
        mergeOwed = false;
    }

    /** Records, from the next commit on, that a {@link #mergeDown()} is owed. */
    void oweMergeDown() {
        mergeOwed = true;
    }

    /** Whether a {@link #mergeDown()} is owed, as of this index's last commit or since. */
    boolean mergeDownOwed() {
        return mergeOwed;
    }

    /**
     * Whether deleted documents make up more than a tenth of the index, as after a full rebuild
     * (every document replaced): queries still visit them and pay for it.
     */
    boolean worthCompacting() {
        IndexWriter.DocStats stats = writer.getDocStats();
        return (stats.maxDoc - stats.numDocs) * 10L > stats.maxDoc;
    }

    /** Makes what was written visible to searches. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Documents visible to searches now. */
    int documents() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /** Segments visible to searches now. */
    int segments() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            searchers.release(searcher);
        }
    }

    record Hit(String type, String id, String title, String snippet, float score) {
    }

    record Result(List<Hit> hits, Map<String, Long> facets, long total) {
    }

    /**
     * The best hits of the plan, their counts by type, and snippets marking its words: the strict query's, or the tolerant query's when the strict one finds fewer
     * than {@code limit} (then typo matches fill the page, ranked below exact ones).
     */
    Result search(QueryBuilder.Plan plan, int limit) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Matches matches = matches(searcher, plan.strict(), limit);
            if (plan.tolerant() != null && matches.docs.scoreDocs.length < limit) {
                matches = matches(searcher, plan.tolerant(), limit);
            }
            // One StoredFields for every hit: each instance has its own decompression buffers.
            StoredFields stored = searcher.storedFields();
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc sd : matches.docs.scoreDocs) {
                Document d = stored.document(sd.doc);
                hits.add(new Hit(d.get(Documents.TYPE), d.get(Documents.ID), d.get(Documents.TITLE),
                        snippets.of(d.get(Documents.ALL), plan.words()), sd.score));
            }
            Map<String, Long> facets = matches.counts;
            return new Result(hits, facets, facets.values().stream().mapToLong(Long::longValue).sum());
        } finally {
            searchers.release(searcher);
        }
    }

    private record Matches(TopDocs docs, Map<String, Long> counts) {
    }

    private static Matches matches(IndexSearcher searcher, Query query, int limit) throws IOException {
        TopScoreDocCollector top = TopScoreDocCollector.create(Math.max(1, limit), Integer.MAX_VALUE);
        TypeCounts counts = new TypeCounts();
        searcher.search(query, MultiCollector.wrap(top, counts));
        return new Matches(top.topDocs(), counts.counts());
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
