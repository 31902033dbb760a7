package io.hyphae.supervisor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.supervision.Shutdown;
import io.hyphae.api.supervision.Strategy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The io.hyphae.supervisor configuration keys, as ConfigAdmin passes them (strings). */
class DeclaredActorsSettingsTest {

    @Test
    void defaultsAreOneForOneWithThreeRestartsInFiveSeconds() {
        DeclaredActors.Settings s = DeclaredActors.settings(Map.of());
        assertEquals(Strategy.ONE_FOR_ONE, s.spec().strategy());
        assertEquals(3, s.spec().intensity());
        assertEquals(Duration.ofSeconds(5), s.spec().period());
        assertEquals(Shutdown.timeout(Duration.ofSeconds(5)), s.childShutdown());
    }

    @Test
    void everyKeyIsRead() {
        DeclaredActors.Settings s = DeclaredActors.settings(Map.of("strategy", " REST_for_one ", "intensity", "9",
                "period.ms", "250", "shutdown.ms", "0"));
        assertEquals(Strategy.REST_FOR_ONE, s.spec().strategy());
        assertEquals(9, s.spec().intensity());
        assertEquals(Duration.ofMillis(250), s.spec().period());
        assertEquals(Shutdown.BRUTAL, s.childShutdown());
    }

    @Test
    void badValuesAreTypedErrorsNamingTheKey() {
        for (Map<String, String> bad : java.util.List.of(Map.of("strategy", "dynamic"), Map.of("strategy", "random"),
                Map.of("intensity", "-1"), Map.of("period.ms", "soon"), Map.of("period.ms", "0"),
                Map.of("shutdown.ms", "3600001"))) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> DeclaredActors.settings(bad), bad::toString);
            String key = bad.keySet().iterator().next();
            assertTrue(e.getMessage().startsWith(key), e.getMessage());
        }
    }
}
