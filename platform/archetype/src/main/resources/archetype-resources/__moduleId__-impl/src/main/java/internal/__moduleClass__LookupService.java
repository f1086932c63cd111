package ${package}.internal;

import java.util.List;
import java.util.Optional;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ${package}.api.${moduleClass}Lookup;
import ${package}.api.${moduleClass}Names;

/** The module's service for other modules: a record's name, within the signed-in user's reach only. */
@Component(service = ${moduleClass}Lookup.class)
public class ${moduleClass}LookupService implements ${moduleClass}Lookup {

    private final Persistence persistence;
    private final AccessControl access;

    @Activate
    public ${moduleClass}LookupService(@Reference Persistence persistence, @Reference AccessControl access) {
        this.persistence = persistence;
        this.access = access;
    }

    @Override
    public Optional<String> name(String id) {
        UserPrincipal user = access.findCurrentUser().orElse(null);
        if (user == null || !user.hasPermission(${moduleClass}Names.READ)) {
            return Optional.empty();
        }
        List<String> names = persistence.read(ctx -> ObjectSelect.query(${moduleClass}Record.class)
                .where(Records.visible(access, user, MosaicRecord.ID.eq(id)))
                .column(${moduleClass}Record.NAME).select(ctx));
        return names.stream().findFirst();
    }
}
