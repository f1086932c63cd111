package org.mosaiccrm.platform.persistence.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.events.ChangeLog;
import org.mosaiccrm.platform.api.events.RecordEvents;
import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.spi.DataContribution;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DS face of {@link PersistenceEngine}: reads the database settings from the environment,
 * follows the modules' {@link DataContribution}s, and posts commit events to EventAdmin.
 */
@Component(service = {Persistence.class, ChangeLog.class}, immediate = true)
public class PersistenceComponent implements Persistence, ChangeLog {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceComponent.class);

    @Reference
    private EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AccessControl accessControl;

    private volatile PersistenceEngine engine;


    @Activate
    void activate() {
        engine();
    }

    @Deactivate
    synchronized void deactivate() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /**
     * SCR binds the contributions present at start-up before it calls {@link #activate()},
     * so the engine is created by whichever comes first.
     */
    private PersistenceEngine engine() {
        PersistenceEngine e = engine;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (engine == null) {
                Path data = Path.of(System.getProperty("karaf.data", "data"));
                DatabaseSettings settings = DatabaseSettings.fromEnvironment(System.getenv(), data);
                try {
                    StartGuard.check(settings);
                    engine = new PersistenceEngine(settings, this::post, this::actor);
                } catch (DowngradeRefused refused) {
                    throw StartGuard.refuse(refused);
                }
            }
            return engine;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addContribution(DataContribution contribution, ServiceReference<DataContribution> reference) {
        ClassLoader loader = reference.getBundle().adapt(BundleWiring.class).getClassLoader();
        try {
            engine().add(new Contribution(contribution, loader));
        } catch (DowngradeRefused e) {
            throw StartGuard.refuse(e);
        } catch (SQLException | RuntimeException e) {
            LOG.error("Module '{}': its data could not be migrated or loaded; its records are unavailable", contribution.moduleId(), e);
        }
    }

    synchronized void removeContribution(DataContribution contribution) {
        if (engine != null) {
            engine.remove(contribution.moduleId());
        }
    }

    @Override
    public <T> T read(Function<ObjectContext, T> work) {
        return engine().read(work);
    }

    @Override
    public <T> T write(Function<ObjectContext, T> work) {
        return engine().write(work);
    }

    @Override
    public <T> T writeMany(Function<ObjectContext, T> work) {
        return engine().writeMany(work);
    }

    @Override
    public int countUpTo(ObjectContext ctx, Class<? extends org.mosaiccrm.platform.api.persistence.MosaicRecord> type,
            org.apache.cayenne.exp.Expression where, int cap) {
        return engine().countUpTo(ctx, type, where, cap);
    }

    @Override
    public DatabaseKind databaseKind() {
        return engine().databaseKind();
    }

    @Override
    public boolean isAvailable() {
        return engine().isAvailable();
    }

    /** The connection pool, for its figures ({@link PoolMetrics}). */
    javax.sql.DataSource dataSource() {
        return engine().dataSource();
    }

    @Override
    public void append(ObjectContext context, List<Change> changes) {
        engine().changeLog().append(context, changes);
    }

    @Override
    public List<Entry> after(long after, int limit) {
        return engine().changeLog().after(after, limit);
    }

    @Override
    public List<Entry> bySequence(List<Long> sequences) {
        return engine().changeLog().bySequence(sequences);
    }

    @Override
    public long lastSequence() {
        return engine().changeLog().lastSequence();
    }

    @Override
    public long startingPointFor(Instant since) {
        return engine().changeLog().startingPointFor(since);
    }

    @Override
    public int prune(Instant before) {
        return engine().changeLog().prune(before);
    }

    @Override
    public Duration retention() {
        return engine().changeLog().retention();
    }

    private String actor() {
        AccessControl ac = accessControl;
        return Optional.ofNullable(ac).flatMap(AccessControl::findCurrentUser).map(UserPrincipal::id).orElse(null);
    }

    private void post(List<CommitEvent> events) {
        for (CommitEvent e : events) {
            Map<String, Object> props = new HashMap<>();
            props.put(RecordEvents.ID, e.id());
            props.put(RecordEvents.MODULE, e.module());
            props.put(RecordEvents.TYPE, e.type().toLowerCase(java.util.Locale.ROOT));
            props.put(RecordEvents.CHANGE, e.change().name());
            props.put(RecordEvents.CHANGED_FIELDS, e.changedFields().toArray(String[]::new));
            props.put(RecordEvents.CHANGES, e.values());
            if (e.actor() != null) {
                props.put(RecordEvents.ACTOR, e.actor());
            }
            if (e.name() != null) {
                props.put(RecordEvents.NAME, e.name());
            }
            eventAdmin.postEvent(new Event(RecordEvents.topic(e.module(), e.type(), e.change()), props));
        }
    }
}
