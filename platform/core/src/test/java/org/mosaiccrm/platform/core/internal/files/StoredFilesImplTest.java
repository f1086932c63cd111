package org.mosaiccrm.platform.core.internal.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.files.FileUpload;
import org.mosaiccrm.platform.api.files.StoredFile;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.core.internal.jobs.CoreData;
import org.mosaiccrm.platform.persistence.internal.Contribution;
import org.mosaiccrm.platform.persistence.internal.DatabaseSettings;
import org.mosaiccrm.platform.persistence.internal.PersistenceEngine;

/** Files in the database (Derby, in memory): stored with the caller's transaction, listed by owner, read back byte for byte. */
class StoredFilesImplTest {

    private PersistenceEngine engine;
    private StoredFilesImpl files;

    @BeforeEach
    void start() throws Exception {
        engine = new PersistenceEngine(DatabaseSettings.of("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true", null, null),
                events -> { }, () -> null);
        engine.add(new Contribution(new CoreData(), getClass().getClassLoader()));
        files = new StoredFilesImpl(1, engine);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void filesAreStoredWithTheirOwnerAndReadBackByteForByte() throws Exception {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        String owner = RecordIds.newId();
        StoredFile stored = engine.write(ctx -> files.store(ctx, "TicketComment", owner, new FileUpload("../scan.PNG", "image/png", content),
                "user-1"));
        assertEquals("scan.PNG", stored.name());
        assertEquals("image/png", stored.contentType());
        assertEquals(StoredFilesImpl.sha256(content), stored.sha256());
        engine.write(ctx -> files.store(ctx, "TicketComment", owner, new FileUpload("page.html", "text/html", "<b>x</b>".getBytes()), null));
        engine.write(ctx -> files.store(ctx, "Person", owner, new FileUpload("other.txt", null, new byte[1]), null));

        List<StoredFile> listed = engine.read(ctx -> files.list(ctx, "TicketComment", List.of(owner, RecordIds.newId())));
        assertEquals(List.of("scan.PNG", "page.html"), listed.stream().map(StoredFile::name).toList());
        assertEquals("application/octet-stream", listed.get(1).contentType());
        assertEquals(300_000, listed.get(0).size());
        assertEquals("user-1", listed.get(0).createdBy());
        byte[] read = engine.read(ctx -> {
            try {
                return files.open(ctx, stored.id()).orElseThrow().readAllBytes();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertArrayEquals(content, read);
        assertTrue(engine.read(ctx -> files.find(ctx, "Person", stored.id())).isEmpty(), "found only as its owner's entity's");
        assertEquals("scan.PNG", engine.read(ctx -> files.get(ctx, stored.id())).orElseThrow().name());
        assertEquals(stored.id(), engine.read(ctx -> files.find(ctx, "TicketComment", stored.id())).orElseThrow().id());

        int deleted = engine.write(ctx -> files.delete(ctx, "TicketComment", owner));
        assertEquals(2, deleted);
        assertTrue(engine.read(ctx -> files.list(ctx, "TicketComment", List.of(owner))).isEmpty());
        assertEquals(1, engine.read(ctx -> files.list(ctx, "Person", List.of(owner))).size());
    }

    @Test
    void aFileIsStoredWithTheTransactionOrNotAtAllAndNeverOverTheLimit() {
        String owner = RecordIds.newId();
        assertThrows(IllegalStateException.class, () -> engine.write(ctx -> {
            files.store(ctx, "TicketComment", owner, new FileUpload("a.txt", null, new byte[10]), null);
            throw new IllegalStateException("the record failed");
        }));
        assertTrue(engine.read(ctx -> files.list(ctx, "TicketComment", List.of(owner))).isEmpty());
        ProblemException tooLarge = assertThrows(ProblemException.class, () -> engine.write(ctx -> files.store(ctx, "TicketComment", owner,
                new FileUpload("big.bin", null, new byte[1024 * 1024 + 1]), null)));
        assertEquals(413, tooLarge.problem().status());
    }

    @Test
    void theLimitComesFromTheEnvironmentWithASafeDefault() {
        assertEquals(10, StoredFilesImpl.maxMegabytes(null));
        assertEquals(3, StoredFilesImpl.maxMegabytes(" 3 "));
        assertEquals(10, StoredFilesImpl.maxMegabytes("0"));
        assertEquals(10, StoredFilesImpl.maxMegabytes("lots"));
        assertEquals(10, StoredFilesImpl.maxMegabytes("100000"));
        assertEquals(1024L * 1024L, files.maxBytes());
    }
}
