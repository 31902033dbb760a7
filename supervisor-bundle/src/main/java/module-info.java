/**
 * Hyphae's OTP-style supervisors. Exports nothing: the
 * {@code io.hyphae.api.supervision.Supervision} service is found through
 * {@code ServiceLoader} on the module path and as a DS component in OSGi.
 */
module io.hyphae.supervisor {
    requires transitive io.hyphae.api;
    requires org.slf4j;
    requires static org.osgi.framework;
    requires static org.osgi.service.component.annotations;

    provides io.hyphae.api.supervision.Supervision with io.hyphae.supervisor.internal.SupervisionService;
}
