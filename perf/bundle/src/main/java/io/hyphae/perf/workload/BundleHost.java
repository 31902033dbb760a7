package io.hyphae.perf.workload;

/**
 * The container's side of the bundle-update benchmark: installs, updates and uninstalls
 * bundles. Implemented over a {@code BundleContext}; absent on the module path.
 */
public interface BundleHost {

    /**
     * Installs and starts a bundle.
     *
     * @param location a unique location
     * @param jar the bundle's bytes
     * @return its id
     * @throws Exception if it cannot be installed or started
     */
    long install(String location, byte[] jar) throws Exception;

    /**
     * Updates a bundle, as {@code Bundle.update(InputStream)} does: stop, replace, start.
     *
     * @param id the bundle
     * @param jar the new bytes
     * @throws Exception if the update fails
     */
    void update(long id, byte[] jar) throws Exception;

    /**
     * Whether the bundle's current revision is starting or active and has registered a service.
     *
     * @param id the bundle
     * @return true once its services are back after an update
     */
    boolean serving(long id);

    /**
     * Uninstalls a bundle.
     *
     * @param id the bundle
     * @throws Exception if it cannot be uninstalled
     */
    void uninstall(long id) throws Exception;
}
