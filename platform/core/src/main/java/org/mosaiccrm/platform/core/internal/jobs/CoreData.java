package org.mosaiccrm.platform.core.internal.jobs;

import java.util.List;

import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Migration;
import org.osgi.service.component.annotations.Component;

/** The platform core's own table: the leases that keep a job on one node at a time. */
@Component(service = DataContribution.class, property = "mosaic.data=platform")
public class CoreData implements DataContribution {

    @Override
    public String moduleId() {
        return "platform";
    }

    @Override
    public String cayenneProject() {
        return null;
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of(1, "job leases",
                "CREATE TABLE MOSAIC_JOB_LEASE (JOB_ID VARCHAR(100) NOT NULL PRIMARY KEY, HOLDER VARCHAR(64) NOT NULL,"
                        + " LEASED_UNTIL TIMESTAMP NOT NULL, LAST_RUN_AT TIMESTAMP, LAST_ERROR VARCHAR(1000))"));
    }
}
