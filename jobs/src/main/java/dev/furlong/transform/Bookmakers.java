package dev.furlong.transform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code mst_bookmakers}. The API has no bookmakers endpoint: the list is the one kept in the repository
 * ({@code reference/bookmakers.json}) plus every other name seen in racecard odds, which gets a code made from its name.
 * A seen name belongs to a known bookmaker when it is one of its spellings once case, spaces and punctuation are ignored.
 */
public final class Bookmakers {

    /** One bookmaker; {@code apiNames} are the spellings seen in odds. */
    public record Bookmaker(String code, String name, String type, boolean active, List<String> apiNames) {
    }

    private Bookmakers() {
    }

    public static List<Bookmaker> maintained() {
        try (InputStream in = Bookmakers.class.getResourceAsStream("/reference/bookmakers.json")) {
            List<Map<String, Object>> raw = new ObjectMapper().readValue(in, new TypeReference<>() {
            });
            List<Bookmaker> out = new ArrayList<>();
            for (Map<String, Object> b : raw) {
                @SuppressWarnings("unchecked")
                List<String> names = (List<String>) b.get("api_names");
                out.add(new Bookmaker((String) b.get("code"), (String) b.get("name"), (String) b.get("type"), true, names));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reference/bookmakers.json is unreadable", e);
        }
    }

    /** "Bet Victor", "betvictor", "BetVictor" → "betvictor". */
    static String matchKey(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** A code for a bookmaker the list does not know: "Star Sports" → "star_sports". */
    static String codeOf(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /**
     * The known bookmakers (maintained and already stored) with the seen names added: a name that matches one of them joins
     * its spellings, any other becomes a new bookmaker of unknown type.
     */
    public static List<Bookmaker> merge(Collection<Bookmaker> known, Collection<String> seen) {
        Map<String, Bookmaker> byCode = new LinkedHashMap<>();
        Map<String, String> codeByKey = new LinkedHashMap<>();
        for (Bookmaker b : known) {
            Bookmaker prev = byCode.get(b.code());
            TreeSet<String> names = new TreeSet<>(b.apiNames());
            if (prev != null) {
                names.addAll(prev.apiNames());
            }
            Bookmaker first = prev == null ? b : prev;
            byCode.put(b.code(), new Bookmaker(first.code(), first.name(), first.type() != null ? first.type() : b.type(),
                    first.active(), List.copyOf(names)));
            codeByKey.put(matchKey(b.code()), b.code());
            codeByKey.put(matchKey(b.name()), b.code());
            names.forEach(n -> codeByKey.put(matchKey(n), b.code()));
        }
        for (String name : new TreeSet<>(seen)) {
            String trimmed = name.trim();
            if (trimmed.isEmpty() || matchKey(trimmed).isEmpty()) {
                continue;
            }
            String code = codeByKey.computeIfAbsent(matchKey(trimmed), k -> codeOf(trimmed));
            Bookmaker b = byCode.get(code);
            if (b == null) {
                byCode.put(code, new Bookmaker(code, trimmed, null, true, List.of(trimmed)));
            } else if (!b.apiNames().contains(trimmed)) {
                TreeSet<String> names = new TreeSet<>(b.apiNames());
                names.add(trimmed);
                byCode.put(code, new Bookmaker(b.code(), b.name(), b.type(), b.active(), List.copyOf(names)));
            }
        }
        return List.copyOf(byCode.values());
    }
}
