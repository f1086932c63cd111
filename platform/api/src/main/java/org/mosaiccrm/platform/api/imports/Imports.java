package org.mosaiccrm.platform.api.imports;

import java.io.InputStream;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs CSV imports of every registered {@link ImportType} as resumable jobs. The upload is
 * stored in the data folder first; rows are then read in batches, each committed together with
 * the job's checkpoint, so a server killed mid-import resumes after the last committed batch:
 * no row half-imported, none twice. A job whose type goes away (its module switched off) stops
 * after its last committed batch and waits, queued, until the type is back.
 */
@ProviderType
public interface Imports {

    /** The largest upload accepted. */
    long MAX_BYTES = 512L * 1024 * 1024;

    /** The answer of a started import: the job whose progress {@code GET /api/v1/jobs/{jobId}} reports. */
    record Started(String jobId) {
    }

    /** The names of the module's registered import types; empty when the module is off or imports nothing. */
    Set<String> types(String module);

    /**
     * Starts an import for the current user: checks the type's permissions, stores the upload
     * (UTF-8 CSV with a header row, with or without BOM), audits {@code <module>.import.started}
     * and queues the job.
     *
     * @return the job id
     * @throws org.mosaiccrm.platform.api.rest.ProblemException 404 when the module has no import
     *     types (it is off), 400 naming {@code type} for a type it does not have, 403 without a
     *     permission, 400 for an empty body, 413 above {@link #MAX_BYTES}
     */
    String start(String module, String type, InputStream csv);

    /**
     * {@link #start} with the user's choices: columns mapped or skipped (checked against the
     * header: 400 naming {@code map} or {@code skip}), and the owner and team of the new records
     * (checked as {@code AccessControl.assignOwnership} checks them: 400, or 403 for another
     * team's). The choices are kept with the job; the skipped columns are named in its result.
     */
    String start(String module, String type, InputStream csv, ImportOptions options);

    /**
     * What an import of a file beginning with {@code start} (its first lines, header first, UTF-8;
     * a last line cut short is ignored, and so is anything beyond {@link #PREVIEW_BYTES}) would
     * read: delimiter, proposed fields, samples. Checks the type's permissions like
     * {@link #start}; 400 for text that is not UTF-8 or has no header row.
     *
     * @param language the language of the fields' labels (en, es, ru, sl, tl)
     */
    ImportPreview preview(String module, String type, InputStream start, String language);

    /** The most of a file's start a preview reads. */
    int PREVIEW_BYTES = 1 << 20;
}
