package org.mosaiccrm.contacts.impl;

import java.time.Duration;
import java.util.List;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.platform.api.persistence.CollationKeys;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.spi.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps the stored sort keys of people and organizations in the company's language: when the
 * language differs from the one CT_SORT_STATE says the keys were computed in (a fresh
 * migration says none), every row is re-keyed in batches by id, each batch and its position
 * committed together, so a run stopped at any moment resumes after the last committed batch.
 * A row changed while it was re-keyed keeps the keys its own write computed (the update
 * matches the version read). Re-keying is no change of the record: no version, no audit.
 */
@Component(service = Job.class)
public class SortKeysJob implements Job {

    static final int BATCH = 500;

    /** The tables re-keyed, by their row in CT_SORT_STATE. */
    enum Table {
        PERSON("SELECT ID, VERSION, FIRST_NAME, LAST_NAME FROM CT_PERSON WHERE ID > ? ORDER BY ID FETCH FIRST " + BATCH + " ROWS ONLY"),
        ORGANIZATION("SELECT ID, VERSION, NAME FROM CT_ORGANIZATION WHERE ID > ? ORDER BY ID FETCH FIRST " + BATCH + " ROWS ONLY");

        final String batch;

        Table(String batch) {
            this.batch = batch;
        }
    }

    @Reference
    private Persistence persistence;

    @Override
    public String id() {
        return "contacts.sort-keys";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(Long.getLong("mosaic.contacts.sortKeySeconds", 60));
    }

    @Override
    public void run() {
        for (Table table : Table.values()) {
            while (rekeyBatch(table)) {
                // one transaction per batch
            }
        }
    }

    /** Re-keys the next batch of the table if its keys are not in the company's language; false when they are. */
    boolean rekeyBatch(Table table) {
        String language = CollationKeys.language();
        return persistence.write(ctx -> {
            DataRow state = Sql.row(ctx, "SELECT LANGUAGE, LAST_ID FROM CT_SORT_STATE WHERE ENTITY = ?", table.name());
            String keyed = state == null ? null : Sql.str(state, "LANGUAGE");
            String lastId = state == null ? null : Sql.str(state, "LAST_ID");
            if (language.equals(keyed) && lastId == null) {
                return false;
            }
            // Another language than the run under way (or than the finished one): start again from the first id.
            String after = language.equals(keyed) ? lastId : "";
            List<DataRow> rows = Sql.rows(ctx, table.batch, after);
            for (DataRow r : rows) {
                Object version = r.get("VERSION");
                if (table == Table.PERSON) {
                    String first = Sql.str(r, "FIRST_NAME");
                    String last = Sql.str(r, "LAST_NAME");
                    Sql.exec(ctx, "UPDATE CT_PERSON SET FIRST_NAME_KEY = ?, LAST_NAME_KEY = ? WHERE ID = ? AND VERSION = ?",
                            CollationKeys.composite(Person.SORT_KEY_LENGTH, first, last),
                            CollationKeys.composite(Person.SORT_KEY_LENGTH, last, first), Sql.str(r, "ID"), version);
                } else {
                    Sql.exec(ctx, "UPDATE CT_ORGANIZATION SET SORT_KEY = ? WHERE ID = ? AND VERSION = ?",
                            CollationKeys.key(Sql.str(r, "NAME"), Person.SORT_KEY_LENGTH), Sql.str(r, "ID"), version);
                }
            }
            String next = rows.size() < BATCH ? null : Sql.str(rows.get(rows.size() - 1), "ID");
            if (Sql.exec(ctx, "UPDATE CT_SORT_STATE SET LANGUAGE = ?, LAST_ID = ? WHERE ENTITY = ?", language, next, table.name()) == 0) {
                Sql.exec(ctx, "INSERT INTO CT_SORT_STATE (ENTITY, LANGUAGE, LAST_ID) VALUES (?, ?, ?)", table.name(), language, next);
            }
            return next != null;
        });
    }
}
