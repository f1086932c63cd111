/**
 * The languages of Mosaic and the rule that picks one for a request, the same the web shell
 * follows: the user's own choice, else the browser's Accept-Language, else the company's
 * language, else English. {@link Translations} gives the texts of message keys in a language;
 * {@link CompanyLocale} the company's time zone and language (since 1.2).
 */
@Export
@Version("1.2.0")
package org.mosaiccrm.platform.api.i18n;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
