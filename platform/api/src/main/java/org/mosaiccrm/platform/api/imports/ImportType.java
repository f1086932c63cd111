package org.mosaiccrm.platform.api.imports;

import java.util.List;

import org.mosaiccrm.platform.api.csv.CsvField;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of record a module imports from CSV, registered as a DS service: while the service is
 * there, {@link Imports} accepts files of this type and runs them; when the module is switched
 * off, the type goes with it. A file is read in batches, each imported inside one transaction
 * together with the job's checkpoint.
 */
@ConsumerType
public interface ImportType {

    /** The type's name within its module, as clients ask for it: {@code people}. */
    String name();

    /** The id of the module the type belongs to: {@code contacts}. */
    String module();

    /** The permissions a user needs, all of them, to start an import of this type. */
    List<String> permissions();

    /**
     * Reads a file's header (its cells stripped) once per run, and again when a run resumes,
     * as the user who started the import.
     *
     * @throws ImportRefusedException for a header the type cannot use (an unknown column): the
     *     job fails with the exception's message and no row is imported
     */
    ImportFile open(List<String> header);

    /**
     * {@link #open} for a run whose new records go to the owner and team chosen for it (already
     * checked against the importing user's rights); null keeps them the importing user's. A type
     * that cannot give its records away refuses the file.
     */
    default ImportFile open(List<String> header, AccessControl.Ownership owner) {
        if (owner != null) {
            throw new ImportRefusedException("This import cannot give its records to another owner or team.");
        }
        return open(header);
    }

    /** The fields a column can fill, labelled in the language (en, es, ru, sl, tl); empty when the type does not say. */
    default List<CsvField> fields(String language) {
        return List.of();
    }

    /** The field each header cell names, or null for a cell naming none, as {@link #open} would read them. */
    default List<String> match(List<String> header) {
        return header.stream().map(h -> (String) null).toList();
    }

    /** The job kind of this type's runs, as {@code GET /api/v1/jobs/{id}} shows it. */
    static String kind(String module, String name) {
        return module + ".import." + name;
    }
}
