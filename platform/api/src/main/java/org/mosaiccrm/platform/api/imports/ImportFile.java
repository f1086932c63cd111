package org.mosaiccrm.platform.api.imports;

import java.util.List;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.annotation.versioning.ConsumerType;

/** One file of an {@link ImportType}, opened with its header: reads its rows and imports them batch by batch. */
@ConsumerType
public interface ImportFile {

    /**
     * One row's cells (exactly as many as the header has) as fields, or the reason the row is
     * refused; called outside any transaction, before the row's batch is written.
     */
    ImportRow read(long rowNumber, List<String> cells);

    /**
     * Imports the rows of one batch that {@link #read} accepted, in file order, inside one
     * transaction the job commits with its checkpoint. A row that fails must leave nothing
     * behind in the context (new objects deleted, changed ones reverted); an exception rolls
     * the whole batch back and fails the job.
     *
     * @return one outcome per row, in the order of {@code rows}
     */
    List<RowOutcome> write(ObjectContext ctx, UserPrincipal user, List<ImportRow> rows);
}
