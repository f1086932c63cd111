package org.mosaiccrm.platform.shell.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Migration;
import org.osgi.service.component.annotations.Component;

/** The shell's tables: the company's settings (name, default language, theme) and each user's preferences. */
@Component(service = DataContribution.class, property = "mosaic.data=shell")
public class ShellData implements DataContribution {

    @Override
    public String moduleId() {
        return "shell";
    }

    @Override
    public String cayenneProject() {
        return null;
    }

    @Override
    public List<Migration> migrations() {
        return List.of(
                Migration.of(1, "company settings and user preferences",
                        "CREATE TABLE SHELL_SETTING (NAME VARCHAR(100) NOT NULL PRIMARY KEY, SETTING_VALUE VARCHAR(1000),"
                                + " UPDATED_AT TIMESTAMP NOT NULL)",
                        "CREATE TABLE SHELL_PREFERENCE (USER_ID VARCHAR(36) NOT NULL PRIMARY KEY, LANGUAGE VARCHAR(10),"
                                + " THEME VARCHAR(50), UPDATED_AT TIMESTAMP NOT NULL)"));
    }
}
