package org.mosaiccrm.platform.persistence.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Cayenne finds project files and entity classes through one class loader. In OSGi they
 * live in the contributing bundles, so this loader asks Cayenne's own loader first and then
 * each contributing bundle's.
 */
final class ContributionClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final List<ClassLoader> contributors;

    ContributionClassLoader(ClassLoader cayenne, List<ClassLoader> contributors) {
        super(cayenne);
        this.contributors = List.copyOf(contributors);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader loader : contributors) {
            try {
                return loader.loadClass(name);
            } catch (ClassNotFoundException ignored) {
                // try the next contributor
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader loader : contributors) {
            URL url = loader.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (ClassLoader loader : contributors) {
            urls.addAll(Collections.list(loader.getResources(name)));
        }
        return Collections.enumeration(urls);
    }
}
