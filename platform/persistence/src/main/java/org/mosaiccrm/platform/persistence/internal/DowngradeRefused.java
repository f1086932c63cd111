package org.mosaiccrm.platform.persistence.internal;

/**
 * The database has been run by a newer Mosaic than this one (its build record, or a module's
 * schema ahead of the migrations this build knows): running on it could misread or damage what
 * the newer build wrote, so the server refuses to start rather than run.
 */
public final class DowngradeRefused extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public DowngradeRefused(String message) {
        super(message);
    }
}
