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
            return SearchDocument.of(p.getId(), name).text(p.getJobTitle(), tags(p.getTagsJson()), addresses(p.getAddressesJson()))
                    .emails(values(p.getEmailsJson(), "address")).phones(values(p.getPhonesJson(), "number"))
                    .field("lifecycleStage", p.getLifecycleStage()).field("organizationId", p.getOrganizationId())
                    .access(p.getOwnerId(), p.getTeamId()).build();
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
            return SearchDocument.of(o.getId(), o.getName()).text(o.getIndustry(), tags(o.getTagsJson()), addresses(o.getAddressesJson()))
                    .phones(values(o.getPhonesJson(), "number")).domain(o.getDomain())
                    .field("industry", o.getIndustry()).access(o.getOwnerId(), o.getTeamId()).build();
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
            return SearchDocument.of(a.getId(), title).text(a.getBody()).field("activityType", a.getType())
                    .field("personId", a.getPersonId()).field("organizationId", a.getOrganizationId())
                    .access(a.getOwnerId(), a.getTeamId()).build();
        }
    }

    private static String join(String separator, String... parts) {
        return java.util.Arrays.stream(parts).filter(Objects::nonNull).filter(s -> !s.isBlank()).collect(Collectors.joining(separator));
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
}
