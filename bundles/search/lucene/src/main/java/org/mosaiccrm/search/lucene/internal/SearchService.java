package org.mosaiccrm.search.lucene.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.mosaiccrm.platform.api.events.ChangeLog;
import org.mosaiccrm.platform.api.events.RecordEvents;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.search.api.RecordIndexer;
import org.mosaiccrm.search.api.SearchDocument;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index current and answers searches. One worker thread does every write: it follows
 * the database's change log (woken at once by local commit events, polling for other nodes'
 * writes), pages through the records of types it has not indexed yet or of all types in a
 * rebuild, and commits regularly with the change log position, so that after {@code kill -9} it
 * resumes from its last commit. Searches run on request threads against the latest refreshed
 * view and only ever see the types whose indexers are registered right now.
 */
@Component(service = {SearchService.class, EventHandler.class, org.mosaiccrm.search.api.SharedSearch.class}, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + RecordEvents.TOPIC_ROOT + "/*")
public class SearchService implements EventHandler, org.mosaiccrm.search.api.SharedSearch {

    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

    /** How long a missing change log sequence is waited for before it counts as rolled back. */
    static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("mosaic.search.patienceSeconds", 60));
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 1000;
    /**
     * While changes stream in (an import's batches, several a second), searches are shown them
     * at most this often. Each showing writes the changes so far as a new segment of the index;
     * a showing per batch made hundreds of small segments that Lucene's merges then rewrote again
     * and again, on the cores the import needs (a fifth of the orders import's CPU samples). A
     * change after a quiet second is shown at once.
     */
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(1);
    private static final int LOG_BATCH = 1000;
    private static final int PAGE = 500;
    private static final long REBUILD_SLICE_MILLIS = 300;

    @Reference
    private ChangeLog changeLog;

    private final Map<String, RecordIndexer> indexers = new ConcurrentHashMap<>();
    /**
     * Types whose indexer was away while changes were logged (module disabled, or not yet
     * started after a restart), with the sequence from which to read their changes again once
     * the indexer is back.
     */
    private final Map<String, Long> replayFrom = new ConcurrentHashMap<>();
    private final SearchAnalyzer analyzer = new SearchAnalyzer();
    private final QueryBuilder queries = new QueryBuilder(analyzer);
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile boolean rebuildRequested;
    private Thread worker;

    // Worker thread state; the volatile ones are read by status and search.
    private volatile SearchIndex index;
    private volatile Rebuild rebuild;
    private volatile SearchStatus.LastRebuild lastRebuild;
    private volatile ChangeCursor cursor;
    private final Set<String> indexedTypes = new TreeSet<>();
    private String generation = "0";
    private boolean dirty;
    /** Changes written to the index since searches last saw them. */
    private boolean unrefreshed;
    /** When searches last were shown changes ({@link System#nanoTime}). */
    private long lastShown = System.nanoTime() - REFRESH_EVERY.toNanos();
    /** A compaction runs on its own thread ({@link #compactInBackground}); set when it has finished, so the worker commits it. */
    private volatile boolean compacted;
    private volatile boolean compacting;
    private Instant lastCommit = Instant.now();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addIndexer(RecordIndexer indexer) {
        indexers.put(indexer.type(), indexer);
        wake();
    }

    void removeIndexer(RecordIndexer indexer) {
        if (indexers.remove(indexer.type(), indexer)) {
            ChangeCursor c = cursor;
            replayFrom.putIfAbsent(indexer.type(), c == null ? 0 : c.watermark());
        }
    }

    @Activate
    void activate() {
        running = true;
        worker = new Thread(this::work, "mosaic-search-indexer");
        worker.setDaemon(true);
        worker.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        wake();
        // Never interrupt Lucene's I/O: an interrupted channel would fail the writer for good.
        worker.join(Duration.ofSeconds(30).toMillis());
    }

    @Override
    public void handleEvent(Event event) {
        wake();
    }

    /** Asks for a rebuild from the database; it runs on the worker while searches go on. */
    public void requestRebuild() {
        rebuildRequested = true;
        wake();
    }

    public SearchStatus status() throws IOException {
        SearchIndex idx = index;
        Rebuild r = rebuild;
        ChangeCursor c = cursor;
        SearchStatus.Progress progress = r == null ? null : new SearchStatus.Progress(r.reason, r.done, r.total, r.startedAt);
        return new SearchStatus(idx == null || r != null || rebuildRequested ? "rebuilding" : "ready",
                idx == null ? 0 : idx.documents(), progress, c == null ? 0 : c.watermark(), lastRebuild, compacting);
    }

    /** The record types the user may search, of those whose modules are enabled now. */
    public Set<String> searchableTypes(UserPrincipal user) {
        Set<String> types = new TreeSet<>();
        for (RecordIndexer ix : indexers.values()) {
            if (user.isAdmin() || user.hasPermission(ix.readPermission())) {
                types.add(ix.type());
            }
        }
        return types;
    }

    /** The page of a hit's record, as its type's indexer says; null when the type has none or is gone. */
    /** The message key of each type's name (see {@link RecordIndexer#typeKey()}), for the types given. */
    public Map<String, String> typeKeys(java.util.Collection<String> types) {
        Map<String, String> keys = new java.util.TreeMap<>();
        for (String type : types) {
            RecordIndexer indexer = indexers.get(type);
            if (indexer != null) {
                keys.put(type, indexer.typeKey());
            }
        }
        return keys;
    }

    public String page(String type, String id) {
        RecordIndexer indexer = indexers.get(type);
        return indexer == null ? null : indexer.page(id);
    }

    @Override
    public List<org.mosaiccrm.search.api.SharedSearch.Hit> search(String type, String text, Map<String, String> fields, int limit) {
        SearchIndex idx = index;
        if (idx == null || !indexers.containsKey(type) || text == null) {
            return List.of();
        }
        try {
            return idx.search(queries.sharedPlan(text, type, fields), limit).hits().stream()
                    .map(h -> new org.mosaiccrm.search.api.SharedSearch.Hit(h.id(), h.title(), h.snippet(), h.score())).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public SearchIndex.Result search(String text, Collection<String> requestedTypes, int limit, UserPrincipal user) throws IOException {
        SearchIndex idx = index;
        Set<String> types = searchableTypes(user);
        if (!requestedTypes.isEmpty()) {
            types.retainAll(requestedTypes);
        }
        if (idx == null) {
            return new SearchIndex.Result(List.of(), Map.of(), 0);
        }
        QueryBuilder.Reach reach = user.isAdmin() ? null : new QueryBuilder.Reach(user.id(), user.teamId());
        return idx.search(queries.plan(text, types, reach), limit);
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void await(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!woken && running && millis > 0) {
                signal.wait(millis);
            }
            woken = false;
        }
    }

    private void work() {
        try {
            open();
        } catch (IOException | RuntimeException e) {
            LOG.error("The search index could not be opened; search is unavailable", e);
            return;
        }
        while (running) {
            try {
                step();
                await(rebuild == null ? POLL_MILLIS : 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception | Error e) {
                // A module's indexer may fail while its bundle goes away; the next step no longer sees it.
                LOG.warn("Search indexing failed; trying again shortly: {}", e.toString(), e);
                try {
                    await(5 * POLL_MILLIS);
                } catch (InterruptedException ie) {
                    break;
                }
            }
        }
        try {
            commit();
            index.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing the search index failed; it resumes from its last commit", e);
        }
    }

    private void open() throws IOException {
        Path folder = Path.of(System.getProperty("karaf.data", "data"), "search", "index");
        SearchIndex idx = SearchIndex.open(folder, analyzer);
        Map<String, String> data = idx.committedData();
        String reason = null;
        if (data.get(SearchIndex.SEQUENCE) == null) {
            reason = "no usable index at start-up";
        } else if (Instant.ofEpochMilli(Long.parseLong(data.getOrDefault(SearchIndex.COMMITTED_AT, "0")))
                .isBefore(Instant.now().minus(changeLog.retention()).plus(Duration.ofHours(1)))) {
            reason = "the index is older than the change log keeps changes";
        }
        if (reason == null) {
            cursor = new ChangeCursor(Long.parseLong(data.get(SearchIndex.SEQUENCE)), PATIENCE);
            indexedTypes.addAll(Arrays.asList(data.getOrDefault(SearchIndex.TYPES, "").split(",")));
            indexedTypes.remove("");
        } else {
            startRebuild(reason);
        }
        index = idx;
        LOG.info("Search index open in {} ({})", folder, reason == null ? "resuming after change " + cursor.watermark() : reason);
        if (reason == null && (idx.mergeDownOwed() || idx.worthCompacting())) {
            compactInBackground(idx);
        }
    }

    private void step() throws IOException {
        if (rebuildRequested) {
            startRebuild("requested by an administrator");
            rebuildRequested = false;
        }
        addNewTypes();
        replayReturnedTypes();
        catchUp();
        if (rebuild != null) {
            rebuildSome(System.currentTimeMillis() + REBUILD_SLICE_MILLIS);
        }
        // Every step, not only after changes: merges finished in the background (a compaction
        // after a rebuild) become visible, and the segments they replaced are let go. Changes
        // wait for the next step when searches were shown some less than a second ago.
        long now = System.nanoTime();
        if (!unrefreshed || now - lastShown >= REFRESH_EVERY.toNanos()) {
            index.refresh();
            if (unrefreshed) {
                unrefreshed = false;
                lastShown = now;
            }
        }
        if (compacted) {
            // Committed like a change, or a restart would find the uncompacted index again.
            compacted = false;
            dirty = true;
            unrefreshed = true;
        }
        if (dirty && Duration.between(lastCommit, Instant.now()).compareTo(COMMIT_EVERY) >= 0) {
            commit();
        }
    }

    /**
     * A full rebuild: every registered type paged through again, the follower restarting just
     * before the first change written within {@link #PATIENCE}, so that transactions still open
     * when the pages were read are applied after them.
     */
    private void startRebuild(String reason) {
        LOG.info("Search index rebuild started: {}", reason);
        generation = Long.toString(System.currentTimeMillis());
        Rebuild r = new Rebuild(reason, generation, true);
        cursor = new ChangeCursor(changeLog.startingPointFor(Instant.now().minus(PATIENCE)), PATIENCE);
        for (RecordIndexer ix : indexers.values()) {
            r.add(ix.type(), ix.count());
        }
        rebuild = r;
    }

    /** Types whose indexers arrived but that were never fully indexed (a module enabled for the first time). */
    private void addNewTypes() {
        for (RecordIndexer ix : indexers.values()) {
            if (!indexedTypes.contains(ix.type()) && (rebuild == null || !rebuild.covers(ix.type()))) {
                if (rebuild == null) {
                    generation = Long.toString(System.currentTimeMillis());
                    rebuild = new Rebuild("new record type " + ix.type(), generation, false);
                }
                rebuild.add(ix.type(), ix.count());
            }
        }
    }

    /** Applies again the changes logged for types whose indexers have come back. */
    private void replayReturnedTypes() throws IOException {
        for (String type : List.copyOf(replayFrom.keySet())) {
            if (!indexers.containsKey(type)) {
                continue;
            }
            long from = replayFrom.remove(type);
            long upTo = cursor.readUpTo();
            while (from < upTo) {
                List<ChangeLog.Entry> entries = changeLog.after(from, LOG_BATCH);
                if (entries.isEmpty()) {
                    break;
                }
                apply(entries.stream().filter(e -> e.type().equals(type)).toList());
                from = entries.get(entries.size() - 1).sequence();
                dirty = true;
                unrefreshed = true;
            }
        }
    }

    /** Applies every change logged since the last call. */
    private void catchUp() throws IOException {
        while (true) {
            List<Long> holes = cursor.holes();
            List<ChangeLog.Entry> late = holes.isEmpty() ? List.of() : changeLog.bySequence(holes);
            List<ChangeLog.Entry> fresh = changeLog.after(cursor.readUpTo(), LOG_BATCH);
            if (late.isEmpty() && fresh.isEmpty()) {
                break;
            }
            List<ChangeLog.Entry> all = new ArrayList<>(late);
            all.addAll(fresh);
            apply(all);
            cursor.applied(late.stream().map(ChangeLog.Entry::sequence).toList(), Instant.now());
            cursor.applied(fresh.stream().map(ChangeLog.Entry::sequence).toList(), Instant.now());
            dirty = true;
            unrefreshed = true;
            if (fresh.size() < LOG_BATCH) {
                break;
            }
        }
        long before = cursor.watermark();
        cursor.advance(Instant.now());
        dirty |= cursor.watermark() != before;
    }

    /**
     * Reads the changed records again and puts what exists into the index, removing what does
     * not: the same for creates, updates (owner and team moves included) and deletes, and
     * harmless when a change is applied twice.
     */
    private void apply(List<ChangeLog.Entry> entries) throws IOException {
        Map<String, Set<String>> idsByType = new LinkedHashMap<>();
        for (ChangeLog.Entry e : entries) {
            RecordIndexer ix = indexers.get(e.type());
            if (ix != null && ix.module().equals(e.module())) {
                idsByType.computeIfAbsent(e.type(), t -> new LinkedHashSet<>()).add(e.id());
            } else if (ix == null && indexedTypes.contains(e.type())) {
                replayFrom.putIfAbsent(e.type(), e.sequence() - 1);
            }
        }
        for (Map.Entry<String, Set<String>> byType : idsByType.entrySet()) {
            RecordIndexer ix = indexers.get(byType.getKey());
            List<String> ids = new ArrayList<>(byType.getValue());
            for (int from = 0; from < ids.size(); from += PAGE) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
                Set<String> missing = new HashSet<>(chunk);
                for (SearchDocument doc : ix.documents(chunk)) {
                    index.put(byType.getKey(), doc, generation);
                    missing.remove(doc.id());
                }
                for (String id : missing) {
                    index.remove(byType.getKey(), id);
                }
            }
        }
    }

    /** Pages through the rebuild until the deadline. */
    private void rebuildSome(long deadline) throws IOException {
        Rebuild r = rebuild;
        while (System.currentTimeMillis() < deadline) {
            String type = r.currentType();
            if (type == null) {
                finish(r);
                return;
            }
            RecordIndexer ix = indexers.get(type);
            if (ix == null) {
                r.typeDropped();
                continue;
            }
            List<SearchDocument> page = ix.page(r.afterId, PAGE);
            for (SearchDocument doc : page) {
                index.put(type, doc, r.generation);
            }
            r.done += page.size();
            dirty = true;
            unrefreshed = true;
            if (page.size() < PAGE) {
                r.typeDone();
            } else {
                r.afterId = page.get(page.size() - 1).id();
            }
        }
    }

    private void finish(Rebuild r) throws IOException {
        for (String type : r.covered()) {
            index.removeStale(type, r.generation);
        }
        indexedTypes.addAll(r.covered());
        if (r.full) {
            index.oweMergeDown();
        }
        commit();
        index.refresh();
        // The status turns "ready" only once the rebuild is committed and visible.
        if (r.full) {
            compactInBackground(index);
            lastRebuild = new SearchStatus.LastRebuild(r.reason, r.startedAt, Instant.now(), r.done);
        }
        rebuild = null;
        LOG.info("Search index rebuild done: {} documents of {} ({})", r.done, r.covered(), r.reason);
    }

    /**
     * Merges deleted documents away on a thread of its own, and after a full rebuild the whole
     * index into one segment ({@link SearchIndex#mergeDown()}): at a million documents either
     * takes seconds to tens of seconds, during which the worker keeps following the change log
     * and searches go on. A shutdown stops it (the index closes without waiting for merges);
     * the next start merges down again if that was owed, or else compacts what is worth it.
     */
    private void compactInBackground(SearchIndex idx) {
        if (compacting) {
            return;
        }
        compacting = true;
        Thread t = new Thread(() -> {
            try {
                long start = System.nanoTime();
                // What the index owes decides: a merge into one segment after a full rebuild.
                boolean mergeDown = idx.mergeDownOwed();
                if (mergeDown) {
                    idx.mergeDown();
                } else {
                    idx.compact();
                }
                compacted = true;
                wake();
                LOG.info("Search index {} in {} s", mergeDown ? "merged into one segment" : "compacted",
                        (System.nanoTime() - start) / 1_000_000_000L);
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.warn("Compacting the search index failed; it is tried again at the next start", e);
                }
            } finally {
                compacting = false;
            }
        }, "mosaic-search-compaction");
        t.setDaemon(true);
        t.start();
    }

    private void commit() throws IOException {
        index.commit(Map.of(SearchIndex.SEQUENCE, Long.toString(cursor.watermark()),
                SearchIndex.TYPES, String.join(",", indexedTypes)));
        dirty = false;
        lastCommit = Instant.now();
    }
}
