package org.mosaiccrm.platform.api.files;

import java.time.Instant;

/**
 * A file stored for a record, without its bytes ({@link StoredFiles#open} reads those).
 *
 * @param ownerEntity the kind of record it belongs to, as the module names it ({@code TicketComment})
 * @param ownerId     that record's id
 * @param name        its name, cleaned ({@link FileNames#clean})
 * @param contentType the type it is served as ({@link FileTypes#served}): never HTML or SVG
 * @param size        its size in bytes
 * @param sha256      the SHA-256 of its bytes, hex
 * @param createdBy   who stored it (a user id, {@code person:<id>}, {@code mail:<address>})
 */
public record StoredFile(String id, String ownerEntity, String ownerId, String name, String contentType, long size, String sha256,
        String createdBy, Instant createdAt) {
}
