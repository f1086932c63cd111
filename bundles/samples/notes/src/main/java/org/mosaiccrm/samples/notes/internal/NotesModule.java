package org.mosaiccrm.samples.notes.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.BuiltInRole;
import org.mosaiccrm.platform.spi.CustomizableEntity;
import org.mosaiccrm.platform.spi.DefaultGrant;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Migration;
import org.mosaiccrm.platform.spi.BundleModule;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Component;

/** Who the notes module is, what it may be granted, and its data. */
@Component(service = {ModuleDescriptor.class, DataContribution.class})
public class NotesModule extends BundleModule implements DataContribution {

    public static final String ID = "notes";
    public static final String READ = "notes.read";
    public static final String WRITE = "notes.write";
    public static final String DELETE = "notes.delete";
    public static final String IMPORT = "notes.import";
    public static final String EXPORT = "notes.export";
    public static final String CUSTOMIZE = "notes.customize";
    /** The entity's name in the change log, the search index and the custom fields service. */
    public static final String NOTE = "note";

    public NotesModule() {
        super(ID, "Notes");
    }

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                new PermissionDefinition(READ, "See the notes of one's team"),
                new PermissionDefinition(WRITE, "Create and change notes"),
                new PermissionDefinition(DELETE, "Delete notes"),
                new PermissionDefinition(IMPORT, "Import notes from CSV"),
                new PermissionDefinition(EXPORT, "Export the list of notes as CSV"),
                new PermissionDefinition(CUSTOMIZE, "Add, change and archive custom fields of notes"));
    }

    /**
     * What each built-in role may do from the first start: managers everything but changing
     * the fields (a company-wide setting, left to administrators), sales work the records,
     * marketing reads and moves lists, support reads and updates, everyone else reads.
     */
    @Override
    public List<DefaultGrant> defaultGrants() {
        return List.of(DefaultGrant.of(BuiltInRole.MANAGER, READ, WRITE, DELETE, IMPORT, EXPORT),
                DefaultGrant.of(BuiltInRole.SALES, READ, WRITE, IMPORT, EXPORT),
                DefaultGrant.of(BuiltInRole.MARKETING, READ, IMPORT, EXPORT),
                DefaultGrant.of(BuiltInRole.SUPPORT, READ, WRITE),
                DefaultGrant.of(BuiltInRole.USER, READ));
    }

    /** Notes have custom fields: the platform serves /api/v1/notes/fields and the console's page for them. */
    @Override
    public List<CustomizableEntity> customizable() {
        return List.of(new CustomizableEntity(NOTE, "Notes", "notes", READ, CUSTOMIZE));
    }

    @Override
    public String cayenneProject() {
        return "org/mosaiccrm/samples/notes/internal/cayenne-notes.xml";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(
                Migration.of(1, "notes table",
                        "CREATE TABLE NOTES_NOTE (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL,"
                                + " CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL,"
                                + " OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL,"
                                + " TITLE VARCHAR(200) NOT NULL, BODY VARCHAR(10000))"),
                Migration.of(2, "notes by team, newest first",
                        "CREATE INDEX NOTES_NOTE_TEAM ON NOTES_NOTE (TEAM_ID, ID)"),
                Migration.of(3, "sort keys and indexes for keyset paging", context -> {
                    context.execute("ALTER TABLE NOTES_NOTE ADD COLUMN TITLE_KEY " + context.sortKeyType(200),
                            "UPDATE NOTES_NOTE SET TITLE_KEY = LOWER(TITLE)");
                    context.createSortIndex("NOTES_NOTE_ID", "NOTES_NOTE", "ID");
                    context.createSortIndex("NOTES_NOTE_TITLE", "NOTES_NOTE", "TITLE_KEY");
                    context.createSortIndex("NOTES_NOTE_UPDATED", "NOTES_NOTE", "UPDATED_AT");
                    context.createReachIndex("NOTES_NOTE_REACH", "NOTES_NOTE");
                }),
                // Custom field values live in the record's row: VARCHAR(8000) is FieldSchema.MAX_STORED.
                Migration.of(4, "custom field values", "ALTER TABLE NOTES_NOTE ADD COLUMN CUSTOM VARCHAR(8000)"));
    }
}
