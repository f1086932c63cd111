package org.mosaiccrm.platform.shell.internal;

import org.mosaiccrm.platform.api.i18n.Languages;
import org.mosaiccrm.platform.api.i18n.Translations;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The shell's languages for the server: a request gets the language the shell would show the
 * same user (their preference, else the browser's, else the company's), and message keys the
 * texts the pages show, from the shell's and every enabled module's UI messages.
 */
@Component(service = Translations.class)
public class ShellTranslations implements Translations {

    @Reference
    private ShellStore store;

    @Reference
    private UiRegistry registry;

    @Override
    public String languageFor(String userId, String acceptLanguage) {
        String own = userId == null ? null : store.preferences(userId).language();
        if (Languages.isSupported(own)) {
            return own;
        }
        return Languages.choose(null, acceptLanguage, store.companyLanguage());
    }

    @Override
    public String text(String language, String key) {
        return registry.messages(language).get(key);
    }
}
