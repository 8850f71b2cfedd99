package dev.furlong.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsLoaderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    private static SettingsLoader.Overrides flags(String conf, String apiUrl, String pgUrl, List<String> regions) {
        return new SettingsLoader.Overrides(conf, apiUrl, null, pgUrl, null, regions, null, null, TODAY.atTime(12, 0), "run-1", false, 0);
    }

    @Test
    void theDefaultsAreALocalRunAgainstTheRealApi() {
        Settings s = SettingsLoader.load(flags(null, null, null, null), Map.of());
        assertEquals("https://api.theracingapi.com", s.apiUrl());
        assertEquals(List.of("gb", "ire"), s.regions());
        assertEquals("./furlong-data/lake", s.lake());
        assertEquals(Optional.empty(), s.pgUrl());
        assertEquals("public", s.pgSchema());
        assertEquals(8.0, s.globalRatePerSecond());
        assertEquals(3, s.mutableWindowDays());
        assertEquals(TODAY, s.run().today());
    }

    @Test
    void theRepositorysConfFileSaysExactlyWhatTheBuiltInDefaultsSay() {
        assertEquals(SettingsLoader.load(flags(null, null, null, null), Map.of()),
                SettingsLoader.load(flags("../conf/furlong.conf", null, null, null), Map.of()));
    }

    @Test
    void theClusterExampleParses() {
        Settings s = SettingsLoader.load(flags("../conf/cluster.conf.example", null, null, null), Map.of());
        assertTrue(s.lake().startsWith("s3a://"), s.lake());
        assertEquals(64, s.shufflePartitions());
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheFile() {
        Map<String, String> env = Map.of("PG_URL", "jdbc:postgresql://db:5432/racing");
        assertEquals(Optional.of("jdbc:postgresql://db:5432/racing"), SettingsLoader.load(flags(null, null, null, null), env).pgUrl());
        assertEquals(Optional.of("jdbc:postgresql://other:5432/x"),
                SettingsLoader.load(flags(null, null, "jdbc:postgresql://other:5432/x", null), env).pgUrl());
        assertEquals(List.of("gb", "ire", "fr"), SettingsLoader.load(flags(null, null, null, List.of("GB", "ire", " fr")), env).regions());
    }

    @Test
    void badValuesAreClearErrors() {
        assertTrue(assertThrows(InvalidSettingException.class,
                () -> SettingsLoader.load(flags(null, null, null, List.of("great britain")), Map.of())).getMessage().contains("--regions"));
        assertTrue(assertThrows(InvalidSettingException.class,
                () -> SettingsLoader.load(flags(null, null, "postgres://db/x", null), Map.of())).getMessage().contains("jdbc:postgresql://"));
        assertTrue(assertThrows(InvalidSettingException.class,
                () -> SettingsLoader.load(flags("no/such.conf", null, null, null), Map.of())).getMessage().contains("not found"));
        assertTrue(assertThrows(InvalidSettingException.class,
                () -> SettingsLoader.load(flags(null, null, null, null), Map.of("FURLONG_CONF", "missing.conf"))).getMessage()
                .contains("missing.conf"));
    }
}
