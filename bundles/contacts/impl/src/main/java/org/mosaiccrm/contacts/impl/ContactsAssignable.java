package org.mosaiccrm.contacts.impl;

import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.records.AssignableType;

/** What contacts' two assignable record kinds share: the module, the permission, the entity and the name in paths. */
abstract class ContactsAssignable implements AssignableType {

    private final String name;
    private final Class<? extends MosaicRecord> type;

    ContactsAssignable(String name, Class<? extends MosaicRecord> type) {
        this.name = name;
        this.type = type;
    }

    @Override
    public String module() {
        return ContactsModule.ID;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<? extends MosaicRecord> type() {
        return type;
    }

    @Override
    public String writePermission() {
        return ContactsModule.WRITE;
    }

    /** The first value of a filter parameter, or null. */
    static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
