package org.mosaiccrm.platform.api.imports;

/** A whole file refused (an unknown column): the job fails with this message and imports no row. */
public class ImportRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImportRefusedException(String message) {
        super(message);
    }
}
