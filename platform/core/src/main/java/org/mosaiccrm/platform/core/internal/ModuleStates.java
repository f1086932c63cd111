package org.mosaiccrm.platform.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each module's on/off state in the database (MOSAIC_MODULE_STATE): written whenever a module is
 * switched, read at start to put Karaf's features back as they were (after an upgrade cleared
 * Karaf's cache, or on a node that was down when another switched a module).
 */
final class ModuleStates {

    private final Persistence persistence;

    ModuleStates(Persistence persistence) {
        this.persistence = persistence;
    }

    Map<String, Boolean> all() {
        return persistence.read(ctx -> {
            Map<String, Boolean> states = new LinkedHashMap<>();
            for (DataRow r : Sql.rows(ctx, "SELECT MODULE_ID, ENABLED FROM MOSAIC_MODULE_STATE ORDER BY MODULE_ID")) {
                states.put(Sql.str(r, "MODULE_ID"), Sql.flag(r, "ENABLED"));
            }
            return states;
        });
    }

    void put(Map<String, Boolean> states) {
        if (states.isEmpty()) {
            return;
        }
        persistence.write(ctx -> {
            states.forEach((id, enabled) -> put(ctx, id, enabled));
            return null;
        });
    }

    private static void put(ObjectContext ctx, String id, boolean enabled) {
        if (Sql.exec(ctx, "UPDATE MOSAIC_MODULE_STATE SET ENABLED = ?, CHANGED_AT = ? WHERE MODULE_ID = ?",
                enabled, Sql.ts(Sql.now()), id) == 0) {
            Sql.exec(ctx, "INSERT INTO MOSAIC_MODULE_STATE (MODULE_ID, ENABLED, CHANGED_AT) VALUES (?, ?, ?)",
                    id, enabled, Sql.ts(Sql.now()));
        }
    }

    /**
     * The modules a data folder's Karaf had installed before Mosaic kept their state in the
     * database: bin/setenv copies Karaf's features state out of the cache it clears. Its
     * {@code installed} map lists {@code name/version} of every installed feature by region.
     */
    static Set<String> enabledInKarafState(Path stateJson) throws IOException {
        JsonNode installed = new ObjectMapper().readTree(Files.readString(stateJson)).path("installed");
        Set<String> enabled = new LinkedHashSet<>();
        installed.forEach(region -> region.forEach(feature -> {
            String name = feature.asText().split("/", 2)[0];
            if (KarafModuleManager.isModule(name)) {
                enabled.add(name.substring(KarafModuleManager.FEATURE_PREFIX.length()));
            }
        }));
        return enabled;
    }
}
