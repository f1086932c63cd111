package ${package}.api;

import java.util.Optional;

/**
 * Finds a ${moduleId} record's name for the signed-in user: empty when there is no such record
 * or the user may not see it (no {@link ${moduleClass}Names#READ} permission, or outside their reach).
 */
public interface ${moduleClass}Lookup {

    Optional<String> name(String id);
}
