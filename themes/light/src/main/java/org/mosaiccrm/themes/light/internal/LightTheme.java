package org.mosaiccrm.themes.light.internal;

import org.mosaiccrm.platform.spi.ui.ThemeContribution;
import org.osgi.service.component.annotations.Component;

/** The light theme: {@code theme/theme.css} sets the shell's custom properties, {@code theme/logo.svg} is the logo. */
@Component(service = ThemeContribution.class)
public class LightTheme implements ThemeContribution {

    @Override
    public String id() {
        return "light";
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
        return false;
    }

    @Override
    public String messages() {
        return "messages";
    }
}
