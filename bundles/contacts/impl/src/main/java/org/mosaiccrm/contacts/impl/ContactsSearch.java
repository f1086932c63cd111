package org.mosaiccrm.contacts.impl;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.search.api.EntityIndexer;
import org.mosaiccrm.search.api.RecordIndexer;
import org.mosaiccrm.search.api.SearchDocument;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * How organizations, people and activities appear in the global search: one
 * {@link RecordIndexer} each, registered while contacts is enabled. The search module itself
 * is optional; without it these services simply have no consumer.
 */
public final class ContactsSearch {

    private ContactsSearch() {
    }

    @Component(service = RecordIndexer.class)
    public static final class People extends EntityIndexer<Person> {

        @Activate
        public People(@Reference Persistence persistence) {
            super(Person.class, ContactsModule.ID, "person", ContactsModule.READ, persistence);
        }

        @Override
        protected SearchDocument document(Person p) {
            String name = join(" ", p.getFirstName(), p.getLastName());
            return new SearchDocument(p.getId(), name, lines(p.getJobTitle(), tags(p.getTagsJson()), addresses(p.getAddressesJson())),
                    values(p.getEmailsJson(), "address"), values(p.getPhonesJson(), "number"), List.of(),
                    fields("lifecycleStage", p.getLifecycleStage(), "organizationId", p.getOrganizationId()),
                    p.getOwnerId(), p.getTeamId());
        }

        @Override
        public String page(String id) {
            return "/contacts/people/" + id;
        }
    }

    @Component(service = RecordIndexer.class)
    public static final class Organizations extends EntityIndexer<Organization> {

        @Activate
        public Organizations(@Reference Persistence persistence) {
            super(Organization.class, ContactsModule.ID, "organization", ContactsModule.READ, persistence);
        }

        @Override
        protected SearchDocument document(Organization o) {
            return new SearchDocument(o.getId(), o.getName(), lines(o.getIndustry(), tags(o.getTagsJson()), addresses(o.getAddressesJson())),
                    List.of(), values(o.getPhonesJson(), "number"), o.getDomain() == null ? List.of() : List.of(o.getDomain()),
                    fields("industry", o.getIndustry()), o.getOwnerId(), o.getTeamId());
        }

        @Override
        public String page(String id) {
            return "/contacts/organizations/" + id;
        }
    }

    @Component(service = RecordIndexer.class)
    public static final class Activities extends EntityIndexer<Activity> {

        @Activate
        public Activities(@Reference Persistence persistence) {
            super(Activity.class, ContactsModule.ID, "activity", ContactsModule.READ, persistence);
        }

        @Override
        protected SearchDocument document(Activity a) {
            String title = a.getSubject() != null && !a.getSubject().isBlank() ? a.getSubject() : a.getType();
            return new SearchDocument(a.getId(), title, a.getBody(), List.of(), List.of(), List.of(),
                    fields("activityType", a.getType(), "personId", a.getPersonId(), "organizationId", a.getOrganizationId()),
                    a.getOwnerId(), a.getTeamId());
        }
    }

    private static String join(String separator, String... parts) {
        return java.util.Arrays.stream(parts).filter(Objects::nonNull).filter(s -> !s.isBlank()).collect(Collectors.joining(separator));
    }

    private static String lines(String... parts) {
        return join("\n", parts);
    }

    private static List<String> values(String json, String key) {
        return Json.listOfMaps(json).stream().map(m -> m.get(key)).filter(Objects::nonNull).toList();
    }

    private static String tags(String json) {
        return String.join(" ", Json.strings(json));
    }

    private static String addresses(String json) {
        return Json.listOfMaps(json).stream().map(Map::values).flatMap(Collection::stream)
                .filter(Objects::nonNull).map(String::valueOf).collect(Collectors.joining(" "));
    }

    /** Filter fields from name/value pairs, leaving out absent values. */
    private static Map<String, List<String>> fields(String... pairs) {
        Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                fields.put(pairs[i], List.of(pairs[i + 1]));
            }
        }
        return fields;
    }
}
