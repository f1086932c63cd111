package org.mosaiccrm.platform.api.modules;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The catalogue of installable modules and the switch that enables or disables them at
 * runtime. Enabling a module enables what it requires; disabling one keeps its data and is
 * refused while an enabled module requires it.
 */
@ProviderType
public interface ModuleManager {

    List<ModuleInfo> list();

    Optional<ModuleInfo> find(String id);

    /** Enables the module (and what it requires); does nothing if it is enabled already. */
    ModuleInfo enable(String id) throws ModuleException;

    /** Disables the module; does nothing if it is disabled already. */
    ModuleInfo disable(String id) throws ModuleException;
}
