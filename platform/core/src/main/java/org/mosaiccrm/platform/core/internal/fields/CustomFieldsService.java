package org.mosaiccrm.platform.core.internal.fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.spi.CustomizableEntity;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The platform's custom fields: which entities the enabled modules declared customizable (read
 * from their descriptors as they come and go) and the schemas of those entities, read from
 * MOSAIC_CUSTOM_FIELD.
 *
 * <p>Every read and write of a record needs its entity's schema, and schemas change only when an
 * administrator edits a field, so a schema is kept for at most {@link #SCHEMA_TTL_NANOS one
 * second}: a change made on this node goes through {@link #change} and counts from the next
 * request; one made by another node sharing the database counts here within a second.
 */
@Component(service = {CustomFields.class, CustomFieldsService.class})
public class CustomFieldsService implements CustomFields {

    private static final long SCHEMA_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** One declared entity of an enabled module. */
    public record Declared(String module, String moduleName, CustomizableEntity entity) {
    }

    private record Cached(FieldSchema schema, long epoch, long readAt) {
    }

    @Reference
    private Persistence persistence;

    private final Map<String, List<CustomizableEntity>> declared = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Cached> schemas = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModule(ModuleDescriptor module) {
        names.put(module.id(), module.name());
        declared.put(module.id(), List.copyOf(module.customizable()));
    }

    void removeModule(ModuleDescriptor module) {
        declared.remove(module.id());
        names.remove(module.id());
    }

    /** For tests: a service over this persistence, with no module declared yet. */
    static CustomFieldsService of(Persistence persistence, ModuleDescriptor... modules) {
        CustomFieldsService service = new CustomFieldsService();
        service.persistence = persistence;
        for (ModuleDescriptor module : modules) {
            service.addModule(module);
        }
        return service;
    }

    @Override
    public FieldSchema schema(String module, String entity) {
        Optional<CustomizableEntity> declaration = entity(module, entity);
        if (declaration.isEmpty()) {
            return FieldSchema.none(entity);
        }
        String cacheKey = module + "/" + entity;
        long now = System.nanoTime();
        Cached cached = schemas.get(cacheKey);
        if (cached != null && cached.epoch() == epoch.get() && now - cached.readAt() <= SCHEMA_TTL_NANOS) {
            return cached.schema();
        }
        // The epoch before the read: a schema read while a change commits is not used after it.
        long before = epoch.get();
        FieldSchema schema = new FieldSchema(declaration.get().plural(), persistence.read(ctx -> FieldDefinition.list(ctx, module, entity, false))
                .stream().map(FieldDefinition::field).toList());
        schemas.put(cacheKey, new Cached(schema, before, now));
        return schema;
    }

    /** The module's declared entity, if the module is enabled and declared it. */
    public Optional<CustomizableEntity> entity(String module, String entity) {
        return declared.getOrDefault(module, List.of()).stream().filter(e -> e.entity().equals(entity)).findFirst();
    }

    /** The entities the module declared: none when it is not enabled. */
    public List<CustomizableEntity> entities(String module) {
        return declared.getOrDefault(module, List.of());
    }

    /** Every declared entity of every enabled module, by module then in the module's order. */
    public List<Declared> all() {
        List<Declared> all = new ArrayList<>();
        declared.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().forEach(entity -> all.add(new Declared(e.getKey(), names.getOrDefault(e.getKey(), e.getKey()), entity))));
        return all;
    }

    /** Writes a change to field definitions; schemas are read again from the next request on. */
    public <T> T change(Function<ObjectContext, T> work) {
        try {
            return persistence.write(work);
        } finally {
            epoch.incrementAndGet();
            schemas.clear();
        }
    }

    Persistence persistence() {
        return persistence;
    }
}
