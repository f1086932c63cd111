package org.mosaiccrm.platform.core.internal.files;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.SQLExec;
import org.mosaiccrm.platform.api.files.FileNames;
import org.mosaiccrm.platform.api.files.FileUpload;
import org.mosaiccrm.platform.api.files.StoredFile;
import org.mosaiccrm.platform.api.files.StoredFiles;
import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.spi.DataContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored files in MOSAIC_FILE (the core's migration 8): BLOB on Derby, BYTEA on PostgreSQL,
 * written and read through {@link Sql} so that they join the caller's transaction.
 */
@Component(service = StoredFiles.class)
public class StoredFilesImpl implements StoredFiles {

    private static final Logger LOG = LoggerFactory.getLogger(StoredFilesImpl.class);
    static final String MAX_MB_VARIABLE = "MOSAIC_ATTACHMENT_MAX_MB";
    static final int DEFAULT_MAX_MB = 10;
    /** Larger files would rather live outside the database; a typo (10000) should not let them in. */
    static final int LARGEST_MAX_MB = 1024;
    /** Owners' ids read per query at most. */
    private static final int IDS_PER_QUERY = 500;
    private static final String COLUMNS = "ID, OWNER_ENTITY, OWNER_ID, NAME, CONTENT_TYPE, BYTE_SIZE, SHA256, CREATED_BY, CREATED_AT";

    /** The table must exist before anyone stores a file. */
    @Reference(target = "(mosaic.data=platform)")
    private DataContribution coreData;

    /** Which database: the content is bound as a BLOB on Derby, as bytes for PostgreSQL's BYTEA. */
    @Reference
    private Persistence persistence;

    private final long maxBytes;
    /** The last file's time here: each later one a millisecond on at least, so a record's files list in the order they came. */
    private final java.util.concurrent.atomic.AtomicLong lastMillis = new java.util.concurrent.atomic.AtomicLong();

    public StoredFilesImpl() {
        this.maxBytes = maxMegabytes(System.getenv(MAX_MB_VARIABLE)) * 1024L * 1024L;
    }

    StoredFilesImpl(int maxMegabytes, Persistence persistence) {
        this.maxBytes = maxMegabytes * 1024L * 1024L;
        this.persistence = persistence;
    }

    /** The limit a value of MOSAIC_ATTACHMENT_MAX_MB sets: a whole number from 1 to 1024, else the default (logged). */
    static int maxMegabytes(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_MB;
        }
        try {
            int mb = Integer.parseInt(value.strip());
            if (mb >= 1 && mb <= LARGEST_MAX_MB) {
                return mb;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        LOG.warn("{}={} is not a whole number of MB from 1 to {}: files are limited to {} MB", MAX_MB_VARIABLE, value, LARGEST_MAX_MB,
                DEFAULT_MAX_MB);
        return DEFAULT_MAX_MB;
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public StoredFile store(ObjectContext ctx, String ownerEntity, String ownerId, FileUpload file, String createdBy) {
        if (file.size() > maxBytes) {
            throw FileUpload.tooLarge(file.name(), maxBytes);
        }
        if (ownerEntity == null || ownerEntity.isBlank() || ownerEntity.length() > 100 || ownerId == null || ownerId.length() > 36) {
            throw new IllegalArgumentException("A file belongs to a record: an entity name of 1 to 100 characters and an id");
        }
        String id = RecordIds.newId();
        String sha = sha256(file.content());
        String by = createdBy == null || createdBy.length() <= 100 ? createdBy : createdBy.substring(0, 100);
        long millis = lastMillis.updateAndGet(last -> Math.max(System.currentTimeMillis(), last + 1));
        java.time.LocalDateTime now = java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), java.time.ZoneOffset.UTC);
        // Written with Cayenne's own directives rather than Sql's, to bind the content with the type its column takes:
        // Derby refuses the BINARY a byte[] is bound as by default into a BLOB, and Cayenne would write a BLOB-bound value
        // to PostgreSQL as a large object (an OID), not into the BYTEA.
        String contentType = persistence.databaseKind() == DatabaseKind.DERBY ? "BLOB" : "VARBINARY";
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("id", id);
        values.put("entity", ownerEntity);
        values.put("owner", ownerId);
        values.put("name", FileNames.clean(file.name()));
        values.put("type", file.contentType());
        values.put("size", file.size());
        values.put("sha", sha);
        values.put("by", by);
        values.put("at", Sql.ts(now));
        values.put("content", file.content());
        SQLExec.query("INSERT INTO MOSAIC_FILE (" + COLUMNS + ", CONTENT) VALUES (#bind($id), #bind($entity), #bind($owner), #bind($name),"
                + " #bind($type), #bind($size), #bind($sha), #bind($by 'VARCHAR'), #bind($at), #bind($content '" + contentType + "'))").params(values).update(ctx);
        return new StoredFile(id, ownerEntity, ownerId, FileNames.clean(file.name()), file.contentType(), file.size(), sha, by,
                now.toInstant(java.time.ZoneOffset.UTC));
    }

    @Override
    public List<StoredFile> list(ObjectContext ctx, String ownerEntity, Collection<String> ownerIds) {
        List<String> ids = ownerIds.stream().distinct().toList();
        List<StoredFile> files = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            Object[] params = new Object[chunk.size() + 1];
            params[0] = ownerEntity;
            for (int i = 0; i < chunk.size(); i++) {
                params[i + 1] = chunk.get(i);
            }
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            Sql.rows(ctx, "SELECT " + COLUMNS + " FROM MOSAIC_FILE WHERE OWNER_ENTITY = ? AND OWNER_ID IN (" + marks + ")", params)
                    .forEach(r -> files.add(file(r)));
        }
        files.sort(java.util.Comparator.comparing(StoredFile::createdAt).thenComparing(StoredFile::id));
        return files;
    }

    @Override
    public Optional<StoredFile> find(ObjectContext ctx, String ownerEntity, String id) {
        if (!RecordIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Sql.row(ctx, "SELECT " + COLUMNS + " FROM MOSAIC_FILE WHERE ID = ? AND OWNER_ENTITY = ?", id, ownerEntity))
                .map(StoredFilesImpl::file);
    }

    @Override
    public Optional<StoredFile> get(ObjectContext ctx, String id) {
        if (!RecordIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Sql.row(ctx, "SELECT " + COLUMNS + " FROM MOSAIC_FILE WHERE ID = ?", id)).map(StoredFilesImpl::file);
    }

    @Override
    public Optional<InputStream> open(ObjectContext ctx, String id) {
        if (!RecordIds.isWellFormed(id)) {
            return Optional.empty();
        }
        DataRow row = Sql.row(ctx, "SELECT CONTENT FROM MOSAIC_FILE WHERE ID = ?", id);
        return row == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(bytes(row.get("CONTENT"))));
    }

    @Override
    public int delete(ObjectContext ctx, String ownerEntity, String ownerId) {
        return Sql.exec(ctx, "DELETE FROM MOSAIC_FILE WHERE OWNER_ENTITY = ? AND OWNER_ID = ?", ownerEntity, ownerId);
    }

    private static StoredFile file(Map<String, Object> r) {
        return new StoredFile((String) r.get("ID"), (String) r.get("OWNER_ENTITY"), (String) r.get("OWNER_ID"), (String) r.get("NAME"),
                (String) r.get("CONTENT_TYPE"), ((Number) r.get("BYTE_SIZE")).longValue(), (String) r.get("SHA256"),
                (String) r.get("CREATED_BY"), Sql.instant(r.get("CREATED_AT")));
    }

    /** A BLOB or BYTEA as Cayenne reads it: bytes, or a java.sql.Blob on a driver that hands those out. */
    private static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof java.sql.Blob blob) {
            try {
                return blob.getBytes(1, (int) blob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("A stored file could not be read", e);
            }
        }
        throw new IllegalStateException("A stored file's content reads as " + (value == null ? "null" : value.getClass().getName()));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
