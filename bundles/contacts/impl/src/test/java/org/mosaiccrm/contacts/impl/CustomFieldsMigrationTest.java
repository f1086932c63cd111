package org.mosaiccrm.contacts.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.UUID;

import org.apache.cayenne.DataRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.persistence.internal.Contribution;
import org.mosaiccrm.platform.persistence.internal.DatabaseSettings;
import org.mosaiccrm.platform.persistence.internal.PersistenceEngine;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Migration;

/**
 * Upgrading contacts from schema 4: custom field definitions move to the platform's table with
 * their ids, versions and states, the values stay in the records, and CT_FIELD is gone
 * (migration 5); duplicate relationships go and the database refuses new ones (migration 6).
 * On a fresh in-memory Derby, since it needs contacts at schema 4.
 */
class CustomFieldsMigrationTest {

    private PersistenceEngine engine;

    @BeforeEach
    void start() {
        engine = new PersistenceEngine(DatabaseSettings.of("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true", null, null),
                events -> { }, () -> null);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    /** Contacts as it was before custom fields moved: its first four migrations and no entities. */
    private static DataContribution contactsAtSchema4() {
        List<Migration> before = new ContactsModule().migrations().stream().filter(m -> m.version() <= 4).toList();
        return new DataContribution() {
            @Override
            public String moduleId() {
                return ContactsModule.ID;
            }

            @Override
            public String cayenneProject() {
                return null;
            }

            @Override
            public List<Migration> migrations() {
                return before;
            }
        };
    }

    @Test
    void definitionsMoveToThePlatformAndValuesStay() throws Exception {
        engine.add(new Contribution(contactsAtSchema4(), getClass().getClassLoader()));
        engine.write(ctx -> {
            String now = "TIMESTAMP('2026-11-01 10:00:00')";
            Sql.exec(ctx, "INSERT INTO CT_FIELD VALUES ('f1', 3, " + now + ", " + now + ", 'u1', 't1', 'person', 'tier', 'Tier',"
                    + " 'choice', '[\"gold\",\"silver\"]', TRUE, 2, FALSE)");
            Sql.exec(ctx, "INSERT INTO CT_FIELD VALUES ('f2', 1, " + now + ", " + now + ", 'u1', 't1', 'organization', 'old', 'Old',"
                    + " 'text', NULL, FALSE, 0, TRUE)");
            Sql.exec(ctx, "INSERT INTO CT_PERSON (ID, VERSION, CREATED_AT, UPDATED_AT, OWNER_ID, TEAM_ID, LAST_NAME, EMAIL_CONSENT,"
                    + " CUSTOM, SEARCH_TEXT, DEDUPE_KEY) VALUES ('p1', 1, " + now + ", " + now + ", 'u1', 't1', 'Novak', FALSE,"
                    + " '{\"tier\":\"gold\"}', 'novak', 'novak')");
            // Three of one relationship (the race of issue 16) and another kind: two go, the oldest stays.
            for (String id : List.of("r2", "r1", "r3")) {
                Sql.exec(ctx, "INSERT INTO CT_RELATIONSHIP (ID, VERSION, CREATED_AT, UPDATED_AT, OWNER_ID, TEAM_ID, PERSON_ID,"
                        + " ORGANIZATION_ID, KIND) VALUES (?, 1, " + now + ", " + now + ", 'u1', 't1', 'p1', 'o1', 'employee')", id);
            }
            Sql.exec(ctx, "INSERT INTO CT_RELATIONSHIP (ID, VERSION, CREATED_AT, UPDATED_AT, OWNER_ID, TEAM_ID, PERSON_ID,"
                    + " ORGANIZATION_ID, KIND) VALUES ('r4', 1, " + now + ", " + now + ", 'u1', 't1', 'p1', 'o1', 'advisor')");
            return null;
        });

        engine.add(new Contribution(new ContactsModule(), getClass().getClassLoader()));

        List<DataRow> moved = engine.read(ctx -> Sql.rows(ctx, "SELECT ID, VERSION, MODULE_ID, ENTITY, FIELD_KEY, LABEL, FIELD_TYPE,"
                + " CHOICES, REQUIRED, POSITION, ARCHIVED FROM MOSAIC_CUSTOM_FIELD ORDER BY ID"));
        assertEquals(2, moved.size());
        DataRow tier = moved.get(0);
        assertEquals(List.of("f1", 3L, "contacts", "person", "tier", "Tier", "choice", "[\"gold\",\"silver\"]", 2),
                List.of(tier.get("ID"), ((Number) tier.get("VERSION")).longValue(), tier.get("MODULE_ID"), tier.get("ENTITY"),
                        tier.get("FIELD_KEY"), tier.get("LABEL"), tier.get("FIELD_TYPE"), tier.get("CHOICES"),
                        ((Number) tier.get("POSITION")).intValue()));
        assertEquals(true, Sql.flag(tier, "REQUIRED"));
        assertEquals(true, Sql.flag(moved.get(1), "ARCHIVED"), "an archived field stays archived");
        String custom = engine.read(ctx -> Sql.str(Sql.row(ctx, "SELECT CUSTOM FROM CT_PERSON WHERE ID = 'p1'"), "CUSTOM"));
        assertEquals("{\"tier\":\"gold\"}", custom);
        long tables = engine.read(ctx -> Sql.count(ctx, "SELECT COUNT(*) FROM SYS.SYSTABLES WHERE TABLENAME = 'CT_FIELD'"));
        assertFalse(tables > 0, "CT_FIELD is dropped");

        List<String> relationships = engine.read(ctx -> Sql.rows(ctx, "SELECT ID FROM CT_RELATIONSHIP ORDER BY ID")).stream()
                .map(r -> Sql.str(r, "ID")).toList();
        assertEquals(List.of("r1", "r4"), relationships, "duplicates go, the oldest of each stays");
        Exception twice = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> engine.write(ctx -> Sql.exec(ctx,
                "INSERT INTO CT_RELATIONSHIP (ID, VERSION, CREATED_AT, UPDATED_AT, OWNER_ID, TEAM_ID, PERSON_ID, ORGANIZATION_ID, KIND)"
                        + " VALUES ('r5', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'u1', 't1', 'p1', 'o1', 'employee')")));
        assertFalse(twice.toString().isEmpty(), "the database refuses a duplicate now");
    }
}
