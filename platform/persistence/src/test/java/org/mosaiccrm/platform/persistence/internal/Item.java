package org.mosaiccrm.platform.persistence.internal;

import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A record with a nullable sort key ({@code topic}) and an indexed filter column ({@code groupId}), for list tests. */
public class Item extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> TOPIC = PropertyFactory.createString("topic", String.class);
    public static final StringProperty<String> GROUP_ID = PropertyFactory.createString("groupId", String.class);

    public String getTopic() {
        return (String) readProperty("topic");
    }

    public void setTopic(String topic) {
        writeProperty("topic", topic);
    }

    public void setGroupId(String groupId) {
        writeProperty("groupId", groupId);
    }
}
