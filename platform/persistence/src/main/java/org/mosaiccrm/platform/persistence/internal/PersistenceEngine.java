package org.mosaiccrm.platform.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.cayenne.CayenneRuntimeException;
import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.access.OptimisticLockException;
import org.apache.cayenne.access.translator.select.DefaultSelectTranslatorFactory;
import org.apache.cayenne.access.translator.select.SelectTranslatorFactory;
import org.apache.cayenne.commitlog.CommitLogModule;
import org.apache.cayenne.configuration.server.ServerRuntime;
import org.apache.cayenne.di.ClassLoaderManager;
import org.apache.cayenne.map.EntityResolver;
import org.apache.cayenne.map.LifecycleEvent;
import org.apache.cayenne.map.ObjEntity;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.apache.cayenne.reflect.LifecycleCallbackRegistry;
import org.mosaiccrm.platform.api.events.ChangeLog;
import org.mosaiccrm.platform.api.events.RecordChange;
import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.spi.DerivedTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Cayenne runtime of the platform, rebuilt whenever a module's data arrives or
 * leaves (tens of milliseconds). Plain Java, so that tests use exactly what runs in OSGi.
 *
 * <p>Class loading: Cayenne resolves entity classes through the thread context class loader
 * in places, so every runtime build and every unit of work runs with the contributors' class
 * loader as TCCL. This trick lives here and nowhere else.
 */
public final class PersistenceEngine implements Persistence, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceEngine.class);

    /** How long a replaced runtime stays open for the requests still using it. */
    private static final long RETIRE_AFTER_SECONDS = 30;

    private final DatabaseSettings settings;
    private final DataSource dataSource;
    private final SchemaMigrator migrator;
    private final CommitEventSink sink;
    private final ChangeLogTable changeLog;
    private final Supplier<String> actor;
    /** PostgreSQL only: analyzes tables that grew fast (see {@link TableStatistics}); null on Derby. */
    private final TableStatistics statistics;
    private final Map<String, Contribution> contributions = new LinkedHashMap<>();
    private final ScheduledExecutorService retirer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mosaic-runtime-retirer");
        t.setDaemon(true);
        return t;
    });

    private volatile Active active;

    /** List counts by entity, cap and qualifier (which holds the user's visibility rule): see {@link #countUpTo}. */
    private final Map<String, Count> counts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Bumped after every commit of this node, so that a count never outlives a local change. */
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

    private record Count(int value, long sequence, long commits, long at) {
    }

    /** Counts are kept at most this long: the bound on staleness when another node's commit is not yet visible as the log's last sequence. */
    private static final long COUNT_TTL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int COUNT_ENTRIES = 10_000;

    private record Active(ServerRuntime runtime, ClassLoader classLoader, CommitCollector collector) {
    }

    public PersistenceEngine(DatabaseSettings settings, CommitEventSink sink, Supplier<String> actor) {
        this.settings = settings;
        this.dataSource = DataSources.open(settings);
        this.migrator = new SchemaMigrator(dataSource, settings.kind());
        this.sink = sink;
        this.actor = actor;
        this.statistics = settings.kind() == DatabaseKind.POSTGRESQL ? new TableStatistics(dataSource) : null;
        this.changeLog = new ChangeLogTable(dataSource, Duration.ofDays(Long.getLong("mosaic.changelog.retentionDays", 7)));
        try {
            migrator.migrate(ChangeLogTable.SCHEMA_ID, ChangeLogTable.MIGRATIONS);
            migrator.migrate(PlatformTables.FIELDS_SCHEMA_ID, PlatformTables.FIELDS);
        } catch (SQLException e) {
            throw new IllegalStateException("The platform's tables could not be created", e);
        }
        synchronized (this) {
            rebuild();
        }
        LOG.info("Persistence on {} ({})", settings.kind().label(), settings.safeUrl());
    }

    /** Migrates the module's schema forward, then adds its entities to the runtime. */
    public synchronized void add(Contribution contribution) throws SQLException {
        migrator.migrate(contribution.moduleId(), contribution.data().migrations());
        contributions.put(contribution.moduleId(), contribution);
        rebuild();
        rebuildDerived(contribution);
    }

    /**
     * Recomputes the module's derived tables from its records (see {@link DerivedTable}): rows
     * written around the platform while the module was away — a bulk load, a restored backup —
     * are counted from the next start on. A failure is logged, not thrown: the module's records
     * are intact and the next start tries again.
     */
    private void rebuildDerived(Contribution contribution) {
        for (DerivedTable table : contribution.data().derivedTables()) {
            long start = System.nanoTime();
            try {
                write(ctx -> {
                    table.rebuild(ctx, settings.kind());
                    return null;
                });
                LOG.info("Module '{}': derived table of {} rebuilt in {} ms", contribution.moduleId(), table.type().getSimpleName(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            } catch (RuntimeException e) {
                LOG.error("Module '{}': the derived table of {} could not be rebuilt", contribution.moduleId(), table.type().getSimpleName(), e);
            }
        }
    }

    /** Takes the module's entities out of the runtime; its tables and rows stay. */
    public synchronized void remove(String moduleId) {
        if (contributions.remove(moduleId) != null) {
            rebuild();
        }
    }

    public SchemaMigrator migrator() {
        return migrator;
    }

    public ChangeLog changeLog() {
        return changeLog;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public <T> T read(Function<ObjectContext, T> work) {
        Active a = active;
        return withContextLoader(a.classLoader(), () -> work.apply(a.runtime().newContext()));
    }

    @Override
    public <T> T write(Function<ObjectContext, T> work) {
        return write(work, false);
    }

    @Override
    public <T> T writeMany(Function<ObjectContext, T> work) {
        return write(work, true);
    }

    private <T> T write(Function<ObjectContext, T> work, boolean many) {
        Active a = active;
        boolean outermost = a.collector().begin();
        List<CommitEvent> events = List.of();
        // What this write logged, folded: the events it publishes when nothing nested logged apart.
        Logged[] logged = new Logged[1];
        T result;
        try {
            result = withContextLoader(a.classLoader(), () -> a.runtime().performInTransaction(() -> {
                ObjectContext context = a.runtime().newContext();
                T value = work.apply(context);
                if (many) {
                    BulkInserts.insert(context, a.collector(), settings.kind() == DatabaseKind.POSTGRESQL);
                }
                context.commitChanges();
                applyDerived(context, a.collector().unapplied());
                List<CommitEvent> unlogged = a.collector().unlogged();
                logged[0] = new Logged(unlogged.size(), logChanges(context, unlogged));
                return value;
            }));
        } catch (OptimisticLockException e) {
            throw Problems.conflict("changedMeanwhile", "The record was changed by someone else in the meantime. Reload it and apply your change again.");
        } catch (CayenneRuntimeException e) {
            // Cayenne wraps what the work threw; callers get their own exception (a problem, say) back.
            if (e.getClass() == CayenneRuntimeException.class && e.getCause() instanceof RuntimeException cause) {
                if (cause instanceof OptimisticLockException) {
                    throw Problems.conflict("changedMeanwhile", "The record was changed by someone else in the meantime. Reload it and apply your change again.");
                }
                throw cause;
            }
            throw e;
        } finally {
            commits.incrementAndGet();
            if (outermost) {
                events = a.collector().end();
            }
        }
        if (!events.isEmpty()) {
            noteInserts(a, events);
            // Folding an import's batch is not free (its parts' values copied under their paths): done once when it can be.
            sink.publish(logged[0] != null && logged[0].events() == events.size() ? logged[0].folded() : Parts.fold(events));
        }
        return result;
    }

    /** The changes a write logged: how many it took, and them folded into their wholes. */
    private record Logged(int events, List<CommitEvent> folded) {
    }

    /** Counts a committed transaction's new rows per table, for {@link TableStatistics}. */
    private void noteInserts(Active a, List<CommitEvent> events) {
        if (statistics == null) {
            return;
        }
        Map<String, Long> created = new java.util.HashMap<>();
        for (CommitEvent e : events) {
            if (e.change() == RecordChange.CREATED) {
                created.merge(e.type(), 1L, Long::sum);
            }
        }
        EntityResolver entities = a.runtime().getDataDomain().getEntityResolver();
        created.forEach((type, rows) -> {
            ObjEntity entity = entities.getObjEntity(type);
            if (entity != null && entity.getDbEntityName() != null) {
                statistics.inserted(entity.getDbEntityName(), rows);
            }
        });
    }

    /** The transaction's changes into the derived tables they feed, before it commits: both or neither. */
    private void applyDerived(ObjectContext context, List<CommitCollector.Derived> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<DerivedTable, List<DerivedTable.Change>> byTable = new LinkedHashMap<>();
        for (CommitCollector.Derived d : changes) {
            for (DerivedTable table : d.tables()) {
                byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(d.change());
            }
        }
        byTable.forEach((table, list) -> table.apply(context, settings.kind(), list));
    }

    /** The transaction's changes into the change log, before it commits: both or neither. */
    private List<CommitEvent> logChanges(ObjectContext context, List<CommitEvent> events) {
        if (events.isEmpty()) {
            return events;
        }
        List<CommitEvent> folded = Parts.fold(events);
        changeLog.append(context, folded.stream()
                .map(e -> new ChangeLog.Change(e.module(), e.type().toLowerCase(java.util.Locale.ROOT), e.id(), e.change()))
                .toList());
        return folded;
    }

    /**
     * Counts the matches up to {@code cap + 1}, and keeps the answer while nothing changed:
     * the change log's last sequence (any node's commit) and this node's commit counter both
     * as they were, and for {@link #COUNT_TTL_NANOS} at most — a transaction of another node
     * may commit with a sequence below the last one seen, which the TTL bounds.
     */
    @Override
    public int countUpTo(ObjectContext ctx, Class<? extends MosaicRecord> type, Expression where, int cap) {
        String key = type.getName() + '|' + cap + '|' + where;
        long local = commits.get();
        long sequence = changeLog.lastSequence();
        long now = System.nanoTime();
        Count kept = counts.get(key);
        if (kept != null && kept.sequence() == sequence && kept.commits() == local && now - kept.at() < COUNT_TTL_NANOS) {
            return kept.value();
        }
        int value = ObjectSelect.columnQuery(type, MosaicRecord.ID).where(where).limit(cap + 1).select(ctx).size();
        if (counts.size() >= COUNT_ENTRIES) {
            counts.clear();
        }
        counts.put(key, new Count(value, sequence, local, now));
        return value;
    }

    @Override
    public DatabaseKind databaseKind() {
        return settings.kind();
    }

    @Override
    public boolean isAvailable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(settings.kind() == DatabaseKind.DERBY ? "VALUES 1" : "SELECT 1");
            return true;
        } catch (SQLException e) {
            LOG.warn("Database check failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public synchronized void close() {
        Active a = active;
        active = null;
        retirer.shutdownNow();
        if (statistics != null) {
            statistics.close();
        }
        if (a != null) {
            a.runtime().shutdown();
        }
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the connection pool failed", e);
            }
        }
        DataSources.shutdownEmbedded(settings);
    }

    private void rebuild() {
        List<Contribution> current = new ArrayList<>(contributions.values());
        List<ClassLoader> loaders = current.stream().map(Contribution::classLoader).toList();
        ClassLoader loader = new ContributionClassLoader(ServerRuntime.class.getClassLoader(), loaders);
        Active previous = active;
        active = withContextLoader(loader, () -> build(current, loader));
        if (previous != null) {
            retirer.schedule(() -> previous.runtime().shutdown(), RETIRE_AFTER_SECONDS, TimeUnit.SECONDS);
        }
    }

    private Active build(List<Contribution> current, ClassLoader loader) {
        EntityResolver[] resolver = new EntityResolver[1];
        Map<String, List<DerivedTable>> derived = new java.util.HashMap<>();
        CommitCollector collector = new CommitCollector(name -> resolver[0].getObjEntity(name), actor,
                name -> derived.getOrDefault(name, List.of()));
        ServerRuntime runtime = ServerRuntime.builder("mosaic")
                .disableModulesAutoLoading()
                .dataSource(dataSource)
                .addConfigs(current.stream().map(c -> c.data().cayenneProject()).filter(java.util.Objects::nonNull).toList())
                .addModule(binder -> binder.bind(ClassLoaderManager.class).toInstance(resource -> loader))
                .addModule(binder -> {
                    if (settings.kind() == DatabaseKind.DERBY) {
                        binder.bind(SelectTranslatorFactory.class)
                                .toInstance(new DerbyIndexHints(new DefaultSelectTranslatorFactory(), dataSource));
                    }
                })
                .addModule(new CommitLogModule())
                .addModule(CommitLogModule.extend().addListener(collector).module())
                .build();
        EntityResolver entities = runtime.getDataDomain().getEntityResolver();
        resolver[0] = entities;
        for (Contribution c : current) {
            if (c.data().cayenneProject() != null && entities.getDataMap(c.moduleId()) == null) {
                LOG.error("Module '{}' contributed {} without a DataMap named '{}'; its records emit no events",
                        c.moduleId(), c.data().cayenneProject(), c.moduleId());
            }
        }
        for (Contribution c : current) {
            for (DerivedTable table : c.data().derivedTables()) {
                ObjEntity entity = entities.getObjEntity(table.type());
                if (entity == null) {
                    LOG.error("Module '{}' derives a table from {}, which is no entity of the runtime; it is not kept", c.moduleId(), table.type());
                } else {
                    derived.computeIfAbsent(entity.getName(), k -> new ArrayList<>()).add(table);
                }
            }
        }
        RecordStamper stamper = new RecordStamper();
        LifecycleCallbackRegistry callbacks = entities.getCallbackRegistry();
        // POST_ADD, not PRE_PERSIST: Cayenne validates mandatory attributes before PRE_PERSIST runs.
        callbacks.addDefaultListener(LifecycleEvent.POST_ADD, stamper, "postAdd");
        callbacks.addDefaultListener(LifecycleEvent.PRE_UPDATE, stamper, "preUpdate");
        // A deleted record's name, taken while it still has its values: the audit keeps it.
        callbacks.addDefaultListener(LifecycleEvent.PRE_REMOVE, collector, "beforeRemove");
        // Resolve every entity class now, with the right loader, instead of on a request thread.
        for (ObjEntity entity : entities.getObjEntities()) {
            entities.getClassDescriptor(entity.getName());
        }
        LOG.info("Cayenne runtime built with {} entities from modules {}", entities.getObjEntities().size(), contributions.keySet());
        return new Active(runtime, loader, collector);
    }

    private static <T> T withContextLoader(ClassLoader loader, Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
