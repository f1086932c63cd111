package org.mosaiccrm.platform.core.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PgDumpTest {

    @Test
    void theCommandNamesTheConfiguredDatabaseAndNeverItsPassword() {
        Map<String, String> env = Map.of("MOSAIC_DB_URL", "jdbc:postgresql://db.example.com:6543/crm?password=secret&ssl=true",
                "MOSAIC_DB_USER", "mosaic", "MOSAIC_DB_PASSWORD", "secret");
        assertEquals(Optional.of("pg_dump --format=custom --host=db.example.com --port=6543 --username=mosaic"
                + " --file=/backups/b 1/mosaic.pgdump crm".replace("/backups/b 1/mosaic.pgdump", "'/backups/b 1/mosaic.pgdump'")),
                PgDump.command(env, Path.of("/backups/b 1/mosaic.pgdump")));
        assertEquals("jdbc:postgresql://db.example.com:6543/crm", PgDump.safeUrl(env.get("MOSAIC_DB_URL")));
    }

    @Test
    void defaultsAndDerby() {
        assertEquals(Optional.of("pg_dump --format=custom --host=localhost --port=5432 --file=/b/x.pgdump mosaic"),
                PgDump.command(Map.of("MOSAIC_DB_URL", "jdbc:postgresql://localhost/mosaic"), Path.of("/b/x.pgdump")));
        assertEquals(Optional.empty(), PgDump.command(Map.of(), Path.of("/b/x.pgdump")));
    }
}
