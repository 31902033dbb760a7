package io.hyphae.mailbox.jctools.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class JctoolsSettingsTest {

    @Test
    void blankGivesTheDefaultAndValidValuesAreTaken() {
        assertEquals(64, UnboundedJctoolsQueue.chunk(null));
        assertEquals(64, UnboundedJctoolsQueue.chunk("  "));
        assertEquals(256, UnboundedJctoolsQueue.chunk(" 256 "));
        assertEquals(2, UnboundedJctoolsQueue.setting("p", null, 2, 1, 1024, false));
        assertEquals(24, UnboundedJctoolsQueue.setting("p", "24", 2, 1, 1024, false));
    }

    @Test
    void outOfRangeOrMalformedValuesAreTypedErrorsNamingTheProperty() {
        for (String bad : new String[] {"1", "8192", "48", "-64", "sixty-four"}) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> UnboundedJctoolsQueue.chunk(bad), bad);
            assertTrue(e.getMessage().startsWith(UnboundedJctoolsQueue.CHUNK_PROPERTY + " must be a power of two"),
                    e.getMessage());
        }
        for (String bad : new String[] {"0", "1025", "two"}) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> UnboundedJctoolsQueue.setting(UnboundedJctoolsQueue.POOLED_PROPERTY, bad, 2, 1, 1024, false),
                    bad);
            assertTrue(e.getMessage().contains(UnboundedJctoolsQueue.POOLED_PROPERTY + " must be a whole number from 1 to 1024"),
                    e.getMessage());
        }
    }
}
