package org.mosaiccrm.platform.core.internal.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.fields.CustomField;
import org.mosaiccrm.platform.api.fields.FieldType;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.persistence.internal.DatabaseSettings;
import org.mosaiccrm.platform.persistence.internal.PersistenceEngine;
import org.mosaiccrm.platform.spi.CustomizableEntity;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;

/**
 * The definitions table the persistence engine creates, read and written by the service as the
 * fields resource does: schemas of declared entities only, in position order, a change seen from
 * the next request on, stale versions refused. On Derby, and on PostgreSQL when
 * MOSAIC_TEST_PG_URL is set.
 */
class CustomFieldsServiceTest {

    private static final ModuleDescriptor SHOP = new ModuleDescriptor() {
        @Override
        public String id() {
            return "shop";
        }

        @Override
        public String name() {
            return "Shop";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public Set<String> requires() {
            return Set.of();
        }

        @Override
        public List<PermissionDefinition> permissions() {
            return List.of();
        }

        @Override
        public List<CustomizableEntity> customizable() {
            return List.of(new CustomizableEntity("order", "Orders", "orders", "shop.read", "shop.customize"));
        }
    };

    private PersistenceEngine engine;
    private CustomFieldsService service;

    @BeforeEach
    void start() {
        String pg = System.getenv("MOSAIC_TEST_PG_URL");
        DatabaseSettings settings = pg != null && !pg.isBlank()
                ? DatabaseSettings.of(pg, System.getenv("MOSAIC_TEST_PG_USER"), System.getenv("MOSAIC_TEST_PG_PASSWORD"))
                : DatabaseSettings.of("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true", null, null);
        engine = new PersistenceEngine(settings, events -> { }, () -> null);
        engine.write(ctx -> org.mosaiccrm.platform.api.persistence.Sql.exec(ctx, "DELETE FROM MOSAIC_CUSTOM_FIELD WHERE MODULE_ID = 'shop'"));
        service = CustomFieldsService.of(engine, SHOP);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private FieldDefinition add(String key, String type, List<String> choices, int position) {
        FieldDefinition d = FieldDefinition.create("shop", "order", key, key.toUpperCase(), type, choices, false, position);
        service.change(ctx -> {
            d.insert(ctx);
            return null;
        });
        return d;
    }

    @Test
    void aDeclaredEntityHasTheActiveFieldsInPositionOrder() {
        assertEquals(List.of(), service.schema("shop", "order").fields());
        add("size", FieldType.CHOICE.id(), List.of("s", "m"), 2);
        add("gift", FieldType.BOOLEAN.id(), List.of(), 1);
        List<CustomField> fields = service.schema("shop", "order").fields();
        assertEquals(List.of("gift", "size"), fields.stream().map(CustomField::key).toList());
        assertEquals(List.of("s", "m"), fields.get(1).choices());
        assertEquals(FieldType.BOOLEAN, fields.get(0).type());
    }

    @Test
    void anUndeclaredEntityOrModuleHasNoFieldsEvenWithRowsStored() {
        add("size", FieldType.TEXT.id(), List.of(), 0);
        assertEquals(List.of(), service.schema("shop", "customer").fields());
        assertEquals(List.of(), service.schema("other", "order").fields());
        service.removeModule(SHOP);
        assertEquals(List.of(), service.schema("shop", "order").fields(), "a module switched off declares nothing");
    }

    @Test
    void aChangeCountsFromTheNextRequestAndAStaleOneIsRefused() {
        FieldDefinition d = add("note", FieldType.TEXT.id(), List.of(), 0);
        assertEquals(1, service.schema("shop", "order").fields().size());
        FieldDefinition archived = service.change(ctx -> d.with(d.label(), d.choices(), d.required(), d.position(), true).update(ctx, 1));
        assertEquals(2, archived.version());
        assertTrue(archived.archived());
        assertEquals(List.of(), service.schema("shop", "order").fields(), "archived fields leave the schema at once");
        ProblemException stale = assertThrows(ProblemException.class,
                () -> service.change(ctx -> d.with("Again", d.choices(), d.required(), d.position(), false).update(ctx, 1)));
        assertEquals(409, stale.problem().status());
        FieldDefinition now = engine.read(ctx -> FieldDefinition.find(ctx, "shop", d.id()));
        assertEquals("NOTE", now.label(), "the stale change changed nothing");
        int first = engine.read(ctx -> FieldDefinition.nextPosition(ctx, "shop", "customer"));
        assertEquals(0, first, "an entity without fields starts at 0");
    }

    @Test
    void definitionsAreFoundOnlyWithinTheirModule() {
        FieldDefinition d = add("code", FieldType.TEXT.id(), List.of(), 0);
        assertEquals(404, assertThrows(ProblemException.class, () -> engine.read(ctx -> FieldDefinition.find(ctx, "other", d.id())))
                .problem().status());
        assertEquals(404, assertThrows(ProblemException.class, () -> engine.read(ctx -> FieldDefinition.find(ctx, "shop", "nope")))
                .problem().status());
        boolean exists = engine.read(ctx -> FieldDefinition.exists(ctx, "shop", "order", "code"));
        assertTrue(exists);
        int next = engine.read(ctx -> FieldDefinition.nextPosition(ctx, "shop", "order"));
        assertEquals(1, next);
    }
}
