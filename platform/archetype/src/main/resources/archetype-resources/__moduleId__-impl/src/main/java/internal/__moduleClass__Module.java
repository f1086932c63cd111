package ${package}.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.BuiltInRole;
import org.mosaiccrm.platform.spi.BundleModule;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.DefaultGrant;
import org.mosaiccrm.platform.spi.Migration;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Component;

import static ${package}.api.${moduleClass}Names.MODULE_ID;
import static ${package}.api.${moduleClass}Names.READ;
import static ${package}.api.${moduleClass}Names.WRITE;

/**
 * Who the module is (its id and name; its version is the bundle's), what it may be granted,
 * and its data: the Cayenne project and the migrations of its table. The platform runs the
 * migrations it has not run yet when the module starts, so a new build only adds migrations:
 * never change one that has run.
 */
@Component(service = {ModuleDescriptor.class, DataContribution.class})
public class ${moduleClass}Module extends BundleModule implements DataContribution {

    static final String TABLE = "${moduleId.toUpperCase()}_RECORD";

    public ${moduleClass}Module() {
        super(MODULE_ID, "${moduleName}");
    }

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(new PermissionDefinition(READ, "See the ${moduleId} records of one's team"),
                new PermissionDefinition(WRITE, "Create ${moduleId} records"));
    }

    /** What the built-in roles may do from the start; administrators change it in the console. */
    @Override
    public List<DefaultGrant> defaultGrants() {
        return List.of(DefaultGrant.of(BuiltInRole.MANAGER, READ, WRITE), DefaultGrant.of(BuiltInRole.SALES, READ, WRITE),
                DefaultGrant.of(BuiltInRole.USER, READ));
    }

    @Override
    public String cayenneProject() {
        return "cayenne-${moduleId}.xml";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of(1, "records table", context -> {
            context.execute("CREATE TABLE " + TABLE + " (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL,"
                    + " CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL,"
                    + " OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, NAME VARCHAR(200) NOT NULL)");
            // The list's sort orders and the access rule (owner, team) read through these indexes.
            context.createSortIndex(TABLE + "_ID", TABLE, "ID");
            context.createSortIndex(TABLE + "_UPDATED", TABLE, "UPDATED_AT");
            context.createReachIndex(TABLE + "_REACH", TABLE);
        }));
    }
}
