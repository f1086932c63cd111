package org.mosaiccrm.contacts.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.lang.reflect.RecordComponent;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * The input records the OpenAPI document shows are the field sets the resources accept: a
 * field added to one and not the other fails here. {@code version} is not in the records: the
 * document adds it to a body that goes with If-Match.
 */
class InputsTest {

    private static Set<String> fields(Class<? extends Record> record) {
        return new TreeSet<>(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    private static Set<String> without(Set<String> fields, String field) {
        Set<String> s = new HashSet<>(fields);
        s.remove(field);
        return new TreeSet<>(s);
    }

    @Test
    void theInputRecordsListTheFieldsTheResourcesAccept() {
        assertEquals(new TreeSet<>(PersonFields.WRITABLE), fields(Inputs.PersonInput.class));
        assertEquals(new TreeSet<>(OrganizationFields.WRITABLE), fields(Inputs.OrganizationInput.class));
        assertEquals(new TreeSet<>(ActivitiesResource.WRITABLE), fields(Inputs.ActivityInput.class));
        assertEquals(new TreeSet<>(TasksResource.WRITABLE), fields(Inputs.TaskInput.class));
        assertEquals(without(TasksResource.PATCHABLE, "version"), fields(Inputs.TaskChanges.class));
        assertEquals(new TreeSet<>(RelationshipsResource.WRITABLE), fields(Inputs.RelationshipInput.class));
        assertEquals(without(RelationshipsResource.PATCHABLE, "version"), fields(Inputs.RelationshipChanges.class));
        assertEquals(new TreeSet<>(FieldReader.ADDRESS_FIELDS), fields(Inputs.Address.class));
        assertEquals(new TreeSet<>(PersonFields.CONSENT_FIELDS), fields(Views.Consent.class));
    }
}
