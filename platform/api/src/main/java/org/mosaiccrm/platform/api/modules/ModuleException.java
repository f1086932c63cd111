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

    /** The API's answer to it: 404 for an unknown module, 409 while others require it, 500 when the container failed. */
    public org.mosaiccrm.platform.api.rest.ProblemException toProblem() {
        return switch (reason) {
            case UNKNOWN_MODULE -> org.mosaiccrm.platform.api.rest.Problems.notFound(getMessage());
            case REQUIRED_BY_ENABLED -> org.mosaiccrm.platform.api.rest.Problems.of(409, "module-required", "Module required", getMessage());
            case INSTALL_FAILED -> org.mosaiccrm.platform.api.rest.Problems.of(500, "module-install-failed", "Module switch failed",
                    getMessage());
        };
    }
}
