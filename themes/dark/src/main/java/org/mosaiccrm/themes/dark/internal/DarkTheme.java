package org.mosaiccrm.themes.dark.internal;

import org.mosaiccrm.platform.spi.ui.ThemeContribution;
import org.osgi.service.component.annotations.Component;

/** The dark theme: {@code theme/theme.css} sets the shell's custom properties, {@code theme/logo.svg} is the logo. */
@Component(service = ThemeContribution.class)
public class DarkTheme implements ThemeContribution {

    @Override
    public String id() {
        return "dark";
    }

    @Override
    public String resourceFolder() {
        return "theme";
    }

    @Override
    public String stylesheet() {
        return "theme.css";
    }

    @Override
    public String logo() {
        return "logo.svg";
    }

    @Override
    public boolean dark() {
        return true;
    }

    @Override
    public String messages() {
        return "messages";
    }
}
