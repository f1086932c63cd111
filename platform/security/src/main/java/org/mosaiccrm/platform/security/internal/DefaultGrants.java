package org.mosaiccrm.platform.security.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.spi.DefaultGrant;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the built-in roles what each module grants them ({@link ModuleDescriptor#defaultGrants()})
 * the first time the module is seen, and never again: SEC_DEFAULT_GRANT remembers each module and
 * role it applied, so a permission an administrator revokes stays revoked across restarts and
 * re-enabling. The roles are found by their fixed ids (built-in roles cannot be renamed or
 * deleted): on an install that had a role of the same name before, the administrator's own role
 * gets nothing.
 */
@Component(service = DefaultGrants.class, immediate = true)
public class DefaultGrants {

    /** Module id of the marker that keeps every module's defaults away from a role (see SecurityData migration 5). */
    static final String EVERY_MODULE = "*";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultGrants.class);

    @Reference
    private SecurityStore store;

    @Reference
    private AuditLogImpl audit;

    private final Map<String, ModuleDescriptor> seen = new ConcurrentHashMap<>();
    private volatile boolean active;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addModule(ModuleDescriptor module) {
        seen.put(module.id(), module);
        if (active) {
            apply(module);
        }
    }

    void removeModule(ModuleDescriptor module) {
        seen.remove(module.id(), module);
    }

    @Activate
    void activate() {
        active = true;
        seen.values().forEach(this::apply);
    }

    @Deactivate
    void deactivate() {
        active = false;
    }

    /** Applies the module's defaults to each built-in role that has not had them; logs instead of failing the module. */
    void apply(ModuleDescriptor module) {
        Map<String, Set<String>> grants = grants(module);
        if (grants.isEmpty()) {
            return;
        }
        try {
            store.change(ctx -> {
                for (Map.Entry<String, Set<String>> grant : grants.entrySet()) {
                    applyOne(ctx, module.id(), grant.getKey(), grant.getValue());
                }
                return null;
            });
        } catch (RuntimeException e) {
            // Another node applying the same defaults at the same moment wins the marker row; nothing is lost.
            LOG.warn("Default grants of module '{}' were not applied now: {}", module.id(), e.getMessage());
        }
    }

    private void applyOne(ObjectContext ctx, String moduleId, String roleName, Set<String> permissions) {
        // By the built-in role's fixed id, not its name: a same-named role of the administrator's is not one.
        String roleId = "user".equals(roleName) ? SecurityData.USER_ROLE_ID : SecurityData.WORK_ROLE_IDS.get(roleName);
        DataRow role = roleId == null ? null : Sql.row(ctx, "SELECT ID FROM SEC_ROLE WHERE ID = ? AND BUILTIN = 1", roleId);
        if (role == null) {
            return;
        }
        if (Sql.count(ctx, "SELECT COUNT(*) FROM SEC_DEFAULT_GRANT WHERE ROLE_ID = ? AND MODULE_ID IN (?, ?)",
                roleId, moduleId, EVERY_MODULE) > 0) {
            return;
        }
        Sql.exec(ctx, "INSERT INTO SEC_DEFAULT_GRANT (MODULE_ID, ROLE_ID, APPLIED_AT) VALUES (?, ?, ?)", moduleId, roleId, Sql.ts(Sql.now()));
        Set<String> added = new TreeSet<>();
        for (String p : permissions) {
            if (Sql.count(ctx, "SELECT COUNT(*) FROM SEC_ROLE_PERMISSION WHERE ROLE_ID = ? AND PERMISSION = ?", roleId, p) == 0) {
                Sql.exec(ctx, "INSERT INTO SEC_ROLE_PERMISSION (ROLE_ID, PERMISSION) VALUES (?, ?)", roleId, p);
                added.add(p);
            }
        }
        if (!added.isEmpty()) {
            store.roleChanged(ctx, roleId);
            audit.write(ctx, AuditLogImpl.SYSTEM, "admin.role.defaults", "role/" + roleId,
                    Map.of("module", moduleId, "granted", List.copyOf(added)), null);
            LOG.info("Role '{}' got module '{}' defaults {}", roleName, moduleId, added);
        }
    }

    /**
     * Role name → the module's default permissions for it, keeping only permissions the module
     * defines itself: a module cannot hand out another module's rights.
     */
    static Map<String, Set<String>> grants(ModuleDescriptor module) {
        Set<String> own = module.permissions().stream().map(PermissionDefinition::id).collect(Collectors.toSet());
        Map<String, Set<String>> result = new TreeMap<>();
        for (DefaultGrant g : module.defaultGrants()) {
            Set<String> allowed = g.permissions().stream().filter(own::contains).collect(Collectors.toCollection(TreeSet::new));
            if (allowed.size() < g.permissions().size()) {
                LOG.warn("Module '{}' grants permissions it does not define; ignored: {}", module.id(),
                        g.permissions().stream().filter(p -> !own.contains(p)).toList());
            }
            if (!allowed.isEmpty()) {
                result.computeIfAbsent(g.role().roleName(), r -> new TreeSet<>()).addAll(allowed);
            }
        }
        return result;
    }
}
