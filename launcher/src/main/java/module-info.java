/**
 * Runs the Hyphae demo on the module path. The runtime is not required here: the API
 * finds it with {@link java.util.ServiceLoader}, as any application would.
 */
module io.hyphae.launcher {
    requires io.hyphae.api;
    requires org.slf4j;
}
