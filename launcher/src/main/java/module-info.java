/**
 * Starts Hyphae: {@link io.hyphae.launcher.Main} is the Felix container (run with
 * {@code java -jar}), {@link io.hyphae.launcher.Demo} the tour on the module path, where
 * the runtime is found with {@link java.util.ServiceLoader} and no OSGi class is present.
 */
module io.hyphae.launcher {
    requires io.hyphae.api;
    requires io.hyphae.example;
    requires org.slf4j;
    requires static org.apache.felix.framework;
}
