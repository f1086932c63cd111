package org.mosaiccrm.platform.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.spi.BuiltInRole;
import org.mosaiccrm.platform.spi.DefaultGrant;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;

class DefaultGrantsTest {

    private static ModuleDescriptor module(List<DefaultGrant> grants) {
        return new ModuleDescriptor() {
            @Override
            public String id() {
                return "crm";
            }

            @Override
            public String name() {
                return "CRM";
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public Set<String> requires() {
                return Set.of();
            }

            @Override
            public List<PermissionDefinition> permissions() {
                return List.of(new PermissionDefinition("crm.read", "Read"), new PermissionDefinition("crm.write", "Write"));
            }

            @Override
            public List<DefaultGrant> defaultGrants() {
                return grants;
            }
        };
    }

    @Test
    void aModuleGrantsOnlyItsOwnPermissionsByRoleName() {
        Map<String, Set<String>> grants = DefaultGrants.grants(module(List.of(
                DefaultGrant.of(BuiltInRole.SALES, "crm.read", "crm.write", "contacts.delete"),
                DefaultGrant.of(BuiltInRole.SALES, "crm.read"),
                DefaultGrant.of(BuiltInRole.USER, "crm.read"),
                DefaultGrant.of(BuiltInRole.MARKETING, "other.read"))));
        assertEquals(Map.of("sales", Set.of("crm.read", "crm.write"), "user", Set.of("crm.read")), grants,
                "another module's permission is never handed out, and a role left with nothing is left out");
    }

    @Test
    void aModuleWithoutDefaultsGrantsNothing() {
        assertEquals(Map.of(), DefaultGrants.grants(module(List.of())));
    }

    @Test
    void aGrantNamesABuiltInRole() {
        assertThrows(IllegalArgumentException.class, () -> new DefaultGrant(null, Set.of("crm.read")));
        assertEquals("marketing", BuiltInRole.MARKETING.roleName());
    }
}
