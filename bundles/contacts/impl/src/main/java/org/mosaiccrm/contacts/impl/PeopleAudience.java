package org.mosaiccrm.contacts.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.Audience;
import org.mosaiccrm.contacts.api.AudienceCriterion;
import org.mosaiccrm.contacts.api.AudienceFilter;
import org.mosaiccrm.contacts.api.Recipient;
import org.mosaiccrm.contacts.api.RuleProblem;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@link Audience}: people as recipients of mail, within the current user's reach (the rule inside each query). */
@Component(service = Audience.class)
public class PeopleAudience implements Audience {

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private CustomFields customFields;

    /** Segment rules other modules add (funnel's orders and open deals), by field; they come and go with their modules. */
    private final Map<String, AudienceCriterion> criteria = new java.util.concurrent.ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addCriterion(AudienceCriterion criterion) {
        criteria.put(criterion.field(), criterion);
    }

    void removeCriterion(AudienceCriterion criterion) {
        criteria.remove(criterion.field(), criterion);
    }

    @Override
    public Map<String, Map<String, Boolean>> fields() {
        Map<String, Map<String, Boolean>> fields = new java.util.TreeMap<>();
        AudienceRules.OPS.forEach((field, ops) -> fields.put(field, opsOf(ops, op -> !AudienceRules.NO_VALUE.contains(op))));
        criteria.values().forEach(c -> fields.putIfAbsent(c.field(), opsOf(c.ops(), c::takesValue)));
        return fields;
    }

    private static Map<String, Boolean> opsOf(Set<String> ops, java.util.function.Predicate<String> takesValue) {
        Map<String, Boolean> byOp = new java.util.TreeMap<>();
        ops.forEach(op -> byOp.put(op, takesValue.test(op)));
        return byOp;
    }

    @Override
    public List<RuleProblem> check(AudienceFilter filter) {
        AudienceRules rules = rules();
        rules.qualifier(filter);
        return rules.problems();
    }

    @Override
    public long count(AudienceFilter filter) {
        UserPrincipal user = access.currentUser();
        Expression where = qualifier(filter);
        return persistence.read(ctx -> ObjectSelect.query(Person.class).where(Records.visible(access, user, where)).selectCount(ctx));
    }

    @Override
    public List<Recipient> page(AudienceFilter filter, String afterPersonId, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("A page holds 1 to 1000 people");
        }
        UserPrincipal user = access.currentUser();
        Expression where = Records.and(qualifier(filter), afterPersonId == null ? null : MosaicRecord.ID.gt(afterPersonId));
        return persistence.read(ctx -> {
            List<Person> people = ObjectSelect.query(Person.class).where(Records.visible(access, user, where))
                    .orderBy(MosaicRecord.ID.asc()).limit(limit).select(ctx);
            Map<String, String> organizations = organizationNames(ctx, user, people);
            List<Recipient> page = new ArrayList<>(people.size());
            for (Person p : people) {
                page.add(recipient(p, organizations.get(p.getOrganizationId())));
            }
            return page;
        });
    }

    @Override
    public boolean withdrawEmailConsent(String personId, java.time.Instant at, String source) {
        return consent(personId, false, at, source);
    }

    @Override
    public boolean grantEmailConsent(String personId, java.time.Instant at, String source) {
        return consent(personId, true, at, source);
    }

    private boolean consent(String personId, boolean granted, java.time.Instant at, String source) {
        return onPerson(personId, p -> {
            p.setEmailConsent(granted);
            p.setEmailConsentAt(java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            p.setEmailConsentSource(source == null || source.length() <= 200 ? source : source.substring(0, 200));
        });
    }

    @Override
    public boolean addTags(String personId, java.util.Collection<String> tags) {
        return onPerson(personId, p -> {
            List<String> all = new java.util.ArrayList<>(Json.strings(p.getTagsJson()));
            Set<String> known = new HashSet<>(all.stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList());
            for (String tag : tags) {
                if (tag != null && !tag.isBlank() && known.add(tag.strip().toLowerCase(java.util.Locale.ROOT))) {
                    all.add(tag.strip());
                }
            }
            p.setTagsJson(Json.write(all));
        });
    }

    /** A change to a person the current user reaches, in the caller's transaction when there is one; false when out of reach. */
    private boolean onPerson(String personId, java.util.function.Consumer<Person> change) {
        if (!RecordIds.isWellFormed(personId)) {
            return false;
        }
        UserPrincipal user = access.currentUser();
        return persistence.write(ctx -> {
            Person p = ObjectSelect.query(Person.class).where(Records.visible(access, user, MosaicRecord.ID.eq(personId))).selectOne(ctx);
            if (p == null) {
                return false;
            }
            change.accept(p);
            return true;
        });
    }

    @Override
    public int markUndeliverable(String address, java.time.Instant at, String reason) {
        if (address == null || address.isBlank()) {
            return 0;
        }
        String email = address.strip().toLowerCase(java.util.Locale.ROOT);
        UserPrincipal user = access.currentUser();
        return persistence.write(ctx -> {
            List<Person> people = ObjectSelect.query(Person.class).where(Records.visible(access, user, Person.PRIMARY_EMAIL.eq(email)))
                    .select(ctx);
            for (Person p : people) {
                p.setEmailBounced(email);
                p.setEmailBouncedAt(java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
                p.setEmailBounceReason(reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500));
            }
            return people.size();
        });
    }

    private AudienceRules rules() {
        return new AudienceRules(customFields.schema(ContactsModule.ID, ContactsModule.PERSON), AudienceRules.utcNow(), Map.copyOf(criteria));
    }

    private Expression qualifier(AudienceFilter filter) {
        AudienceRules rules = rules();
        Expression where = rules.qualifier(filter);
        if (!rules.problems().isEmpty()) {
            throw new IllegalArgumentException(rules.problems().get(0).message());
        }
        return where;
    }

    /** Names of the page's organizations the user may reach, in one read. */
    private Map<String, String> organizationNames(ObjectContext ctx, UserPrincipal user, List<Person> people) {
        Set<String> ids = new HashSet<>();
        people.forEach(p -> {
            if (p.getOrganizationId() != null) {
                ids.add(p.getOrganizationId());
            }
        });
        Map<String, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            ObjectSelect.columnQuery(Organization.class, MosaicRecord.ID, Organization.NAME)
                    .where(Records.visible(access, user, MosaicRecord.ID.in(ids))).select(ctx)
                    .forEach(row -> names.put((String) row[0], (String) row[1]));
        }
        return names;
    }

    @Override
    public Optional<Recipient> recipient(String personId) {
        if (!RecordIds.isWellFormed(personId)) {
            return Optional.empty();
        }
        UserPrincipal user = access.currentUser();
        return persistence.read(ctx -> {
            Person p = ObjectSelect.query(Person.class).where(Records.visible(access, user, MosaicRecord.ID.eq(personId))).selectOne(ctx);
            return Optional.ofNullable(p == null ? null : recipient(ctx, user, p));
        });
    }

    /** The organization's name only when the user may reach the organization too. */
    private Recipient recipient(ObjectContext ctx, UserPrincipal user, Person p) {
        String organization = p.getOrganizationId() == null ? null
                : ObjectSelect.columnQuery(Organization.class, Organization.NAME)
                        .where(Records.visible(access, user, MosaicRecord.ID.eq(p.getOrganizationId()))).selectOne(ctx);
        return recipient(p, organization);
    }

    private static Recipient recipient(Person p, String organizationName) {
        return new Recipient(p.getId(), p.getPrimaryEmail(), p.getFirstName(), p.getLastName(), p.getJobTitle(), organizationName,
                p.getOwnerId());
    }
}
