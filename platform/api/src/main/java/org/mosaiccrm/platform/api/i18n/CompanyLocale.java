package org.mosaiccrm.platform.api.i18n;

import java.time.ZoneId;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where and in which language the company works, as its administrators set it: what figures
 * counted per day, week or month are counted in (a day starts at local midnight there).
 *
 * @since 1.2
 */
@ProviderType
public interface CompanyLocale {

    /** The company's time zone (UTC until an administrator sets one). */
    ZoneId timeZone();

    /** The company's default language, one of {@link Languages#SUPPORTED}. */
    String language();
}
