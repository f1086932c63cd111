package org.mosaiccrm.platform.api.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.cayenne.ObjectContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Files stored for records, in the database (table MOSAIC_FILE), within the caller's
 * transaction: a file is stored with the record it belongs to, or not at all. A file belongs to
 * one record, named by the owning module's entity name and the record's id; the module decides
 * who may see it (the owner record's access rule) before it lists or opens one.
 */
@ProviderType
public interface StoredFiles {

    /** The largest file stored, in bytes: {@code MOSAIC_ATTACHMENT_MAX_MB} (default 10) MB of 1,048,576 bytes. */
    long maxBytes();

    /**
     * Reads a file under {@link #maxBytes}, stopping as soon as it is over.
     *
     * @throws org.mosaiccrm.platform.api.rest.ProblemException 413 naming the file when it is larger
     */
    default FileUpload receive(String name, String contentType, InputStream in) throws IOException {
        return FileUpload.read(name, contentType, in, maxBytes());
    }

    /**
     * Stores a file for a record in {@code ctx}'s transaction (written at once: it commits or
     * rolls back with the rest).
     *
     * @param createdBy who stored it, at most 100 characters (a user id, {@code person:<id>}, {@code mail:<address>})
     * @throws org.mosaiccrm.platform.api.rest.ProblemException 413 when the file is larger than {@link #maxBytes}
     */
    StoredFile store(ObjectContext ctx, String ownerEntity, String ownerId, FileUpload file, String createdBy);

    /** The files of these records of one entity, oldest first. */
    List<StoredFile> list(ObjectContext ctx, String ownerEntity, Collection<String> ownerIds);

    /** The file of this id, if it belongs to a record of this entity. */
    Optional<StoredFile> find(ObjectContext ctx, String ownerEntity, String id);

    /**
     * The file of this id, whatever it belongs to: for platform services handed the id by the
     * module that checked who may see it (the outbox sending a reply's files). Modules use
     * {@link #find}, which also checks the owner's entity.
     */
    Optional<StoredFile> get(ObjectContext ctx, String id);

    /** The bytes of a file (at most {@link #maxBytes} of the time it was stored); empty when there is no such file. */
    Optional<InputStream> open(ObjectContext ctx, String id);

    /** Deletes a record's files, in the caller's transaction; how many there were. */
    int delete(ObjectContext ctx, String ownerEntity, String ownerId);
}
