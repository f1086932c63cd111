package org.mosaiccrm.platform.api.persistence;

import java.time.LocalDateTime;

import org.apache.cayenne.CayenneDataObject;
import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.rest.Problems;

/**
 * Base class of every business record. Its DataMap entity maps these attributes to the
 * columns {@code ID} (VARCHAR(36), primary key), {@code VERSION} (BIGINT, used for optimistic
 * locking), {@code CREATED_AT}, {@code UPDATED_AT} (TIMESTAMP), {@code OWNER_ID} and
 * {@code TEAM_ID} (VARCHAR(36)). The platform fills id, timestamps and version on commit.
 *
 * <p>Attributes a record derives from its others, for sorting, matching or searching, are named
 * {@code ...Key} ({@code lastNameKey}, {@code dedupeKey}) or {@code searchText}: {@link #isDerived}
 * tells them, and the audit log leaves them out, since nobody typed them.
 */
public abstract class MosaicRecord extends CayenneDataObject {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> ID = PropertyFactory.createString("id", String.class);
    public static final NumericProperty<Long> VERSION = PropertyFactory.createNumeric("version", Long.class);
    public static final DateProperty<LocalDateTime> CREATED_AT = PropertyFactory.createDate("createdAt", LocalDateTime.class);
    public static final DateProperty<LocalDateTime> UPDATED_AT = PropertyFactory.createDate("updatedAt", LocalDateTime.class);
    public static final StringProperty<String> OWNER_ID = PropertyFactory.createString("ownerId", String.class);
    public static final StringProperty<String> TEAM_ID = PropertyFactory.createString("teamId", String.class);

    /** Whether an attribute is derived from the others (see the class comment), not a field of the record as users know it. */
    public static boolean isDerived(String attribute) {
        return attribute.equals("searchText") || (attribute.endsWith("Key") && attribute.length() > 3);
    }

    /**
     * How people call the record, for the audit log (which keeps it with every change, so that
     * it still reads after the record is gone): by default its {@code name}, else its
     * {@code title}, else its {@code subject}, else its first and last name, else its
     * {@code number}, else its email, whichever the entity has; null when none. Override it for
     * a record known otherwise.
     */
    public String displayName() {
        for (String attribute : new String[] {"name", "title", "subject"}) {
            if (readPropertyDirectly(attribute) instanceof String s && !s.isBlank()) {
                return s.strip();
            }
        }
        String first = readPropertyDirectly("firstName") instanceof String s ? s.strip() : "";
        String last = readPropertyDirectly("lastName") instanceof String s ? s.strip() : "";
        String person = (first + " " + last).strip();
        if (!person.isEmpty()) {
            return person;
        }
        for (String attribute : new String[] {"number", "email"}) {
            Object value = readPropertyDirectly(attribute);
            if (value != null && !String.valueOf(value).isBlank()) {
                return String.valueOf(value).strip();
            }
        }
        return null;
    }

    /**
     * The record this one is a part of, for a record with no life of its own (an order's line, a
     * deal's line item); null, the default, for a record that stands alone. A part's changes are
     * logged and audited as a change of its whole, with the part's values under
     * {@code <part>[<id>].<field>}: one change-log entry and one audit entry per order, not one
     * per line as well, and a follower (the search index) re-reads the whole it shows anyway.
     *
     * @since 1.6
     */
    public PartOf partOf() {
        return null;
    }

    /**
     * Where a part's whole is: the whole's entity name and the part's attribute holding its id.
     *
     * @since 1.6
     */
    public record PartOf(String entity, String idAttribute) {
    }

    /**
     * Whether an attribute is bookkeeping rather than a field people know: derived ones
     * ({@link #isDerived}), the id, the version and the creation and update times (the audit
     * log has its own time). The audit log shows none of them.
     */
    public static boolean isInternal(String attribute) {
        return isDerived(attribute) || attribute.equals("id") || attribute.equals("version") || attribute.equals("createdAt")
                || attribute.equals("updatedAt");
    }

    public String getId() {
        return (String) readProperty(ID.getName());
    }

    public void setId(String id) {
        writeProperty(ID.getName(), id);
    }

    public Long getVersion() {
        return (Long) readProperty(VERSION.getName());
    }

    public void setVersion(Long version) {
        writeProperty(VERSION.getName(), version);
    }

    public LocalDateTime getCreatedAt() {
        return (LocalDateTime) readProperty(CREATED_AT.getName());
    }

    public void setCreatedAt(LocalDateTime at) {
        writeProperty(CREATED_AT.getName(), at);
    }

    public LocalDateTime getUpdatedAt() {
        return (LocalDateTime) readProperty(UPDATED_AT.getName());
    }

    public void setUpdatedAt(LocalDateTime at) {
        writeProperty(UPDATED_AT.getName(), at);
    }

    public String getOwnerId() {
        return (String) readProperty(OWNER_ID.getName());
    }

    public void setOwnerId(String ownerId) {
        writeProperty(OWNER_ID.getName(), ownerId);
    }

    public String getTeamId() {
        return (String) readProperty(TEAM_ID.getName());
    }

    public void setTeamId(String teamId) {
        writeProperty(TEAM_ID.getName(), teamId);
    }

    /**
     * Refuses an update that a client based on an older version (409, nothing changed). A
     * null {@code expected} is refused as well: every update must say which version it saw.
     */
    public void requireVersion(Long expected) {
        if (expected == null) {
            throw Problems.invalid("version", "versionRequired", "is required for an update (or send If-Match)");
        }
        if (!expected.equals(getVersion())) {
            throw Problems.staleVersion(getVersion());
        }
    }
}
