package org.mosaiccrm.platform.api.modules;

import java.util.List;

/** Why a module could not be enabled or disabled. */
public class ModuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No installable module has this id. */
        UNKNOWN_MODULE,
        /** Enabled modules require it; {@link #modules()} names them. */
        REQUIRED_BY_ENABLED,
        /** The container could not install or uninstall it. */
        INSTALL_FAILED
    }

    private final Reason reason;
    private final List<String> modules;

    public ModuleException(Reason reason, String message, List<String> modules, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.modules = List.copyOf(modules);
    }

    public Reason reason() {
        return reason;
    }

    /** The modules involved, e.g. the enabled ones that require the module. */
    public List<String> modules() {
        return modules;
    }
}
