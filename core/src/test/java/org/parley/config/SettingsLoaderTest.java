package org.parley.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.model.NonMemberAction;

class SettingsLoaderTest {
    @Test
    void defaultsAreDocumentedAndLoad() {
        Settings s = SettingsLoader.defaults().load();
        assertEquals("forum.example.org", s.domain());
        assertEquals(Settings.Protocol.SMTP, s.inbound().protocol());
        assertEquals("en", s.defaultLanguage());
    }

    @Test
    void anEnvironmentVariableOverridesAKey() {
        Settings s = SettingsLoader.defaults().environment(Map.of("PARLEY_INBOUND_PORT", "2626",
                "PARLEY_INBOUND_PROTOCOL", "lmtp", "PARLEY_MODERATION_NON_MEMBER", "reject")).load();
        assertEquals(2626, s.inbound().port());
        assertEquals(Settings.Protocol.LMTP, s.inbound().protocol());
        assertEquals(NonMemberAction.REJECT, s.moderation().nonMember());
    }

    @Test
    void badValuesAreRefusedWithTheKeyNamed() {
        var e = assertThrows(ConfigException.class,
                () -> SettingsLoader.defaults().set("parley.inbound.protocol", "pop3").load());
        assertTrue(e.getMessage().startsWith("parley.inbound.protocol"), e.getMessage());
        assertThrows(ConfigException.class, () -> SettingsLoader.defaults().set("parley.no-such-key", "1"));
        assertThrows(ConfigException.class, () -> SettingsLoader.defaults().set("parley.inbound.port", "x").load());
        var slice = assertThrows(ConfigException.class,
                () -> SettingsLoader.defaults().set("parley.outbound.slice-size", "1001").load());
        assertTrue(slice.getMessage().startsWith("parley.outbound.slice-size: at most 1000"), slice.getMessage());
        assertThrows(ConfigException.class, () -> SettingsLoader.defaults().set("parley.outbound.workers", "0").load());
    }
}
