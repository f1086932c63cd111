package org.mosaiccrm.contacts.impl;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ContactDirectory;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ContactDirectory}: names of the people and organizations the current user may reach, the access rule inside the query. */
@Component(service = ContactDirectory.class)
public class Directory implements ContactDirectory {

    /** Ids a question may name: a deal's people, a page of cards. */
    static final int MAX_IDS = 500;

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Override
    public Map<String, String> people(Collection<String> ids) {
        List<String> wanted = wellFormed(ids);
        if (wanted.isEmpty()) {
            return new HashMap<>();
        }
        UserPrincipal user = access.currentUser();
        Map<String, String> names = new HashMap<>();
        persistence.read(ctx -> ObjectSelect.columnQuery(Person.class, MosaicRecord.ID, Person.FIRST_NAME, Person.LAST_NAME)
                .where(Records.visible(access, user, MosaicRecord.ID.in(wanted))).select(ctx))
                .forEach(row -> names.put((String) row[0], Stream.of((String) row[1], (String) row[2])
                        .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" "))));
        return names;
    }

    @Override
    public Map<String, String> organizations(Collection<String> ids) {
        List<String> wanted = wellFormed(ids);
        if (wanted.isEmpty()) {
            return new HashMap<>();
        }
        UserPrincipal user = access.currentUser();
        Map<String, String> names = new HashMap<>();
        persistence.read(ctx -> ObjectSelect.columnQuery(Organization.class, MosaicRecord.ID, Organization.NAME)
                .where(Records.visible(access, user, MosaicRecord.ID.in(wanted))).select(ctx))
                .forEach(row -> names.put((String) row[0], (String) row[1]));
        return names;
    }

    private static List<String> wellFormed(Collection<String> ids) {
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("At most " + MAX_IDS + " ids at a time");
        }
        return ids.stream().filter(RecordIds::isWellFormed).distinct().toList();
    }
}
