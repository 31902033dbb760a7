/**
 * An example application. In OSGi its actors are declared services and its tour is the
 * shell command {@code example:tour}; on the module path the launcher's demo runs the tour.
 */
module io.hyphae.example {
    requires transitive io.hyphae.api;
    requires org.slf4j;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.annotation.bundle;
    requires static org.osgi.annotation.versioning;

    exports io.hyphae.example;
}
