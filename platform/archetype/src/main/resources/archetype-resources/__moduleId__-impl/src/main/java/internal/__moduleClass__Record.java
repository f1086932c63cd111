package ${package}.internal;

import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A ${moduleId} record: a name, owned by a user and a team like every record (MosaicRecord). */
public class ${moduleClass}Record extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final int NAME_MAX = 200;

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String name) {
        writeProperty(NAME.getName(), name);
    }
}
