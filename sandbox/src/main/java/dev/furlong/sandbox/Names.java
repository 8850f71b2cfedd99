package dev.furlong.sandbox;

import java.util.List;

/** Deterministic invented names for horses, people and race sponsors. */
final class Names {

    private static final List<String> SYLLABLES = List.of("ka", "lo", "mi", "ra", "ven", "tor", "al", "bel", "cas", "dor",
            "el", "fin", "gal", "har", "is", "jan", "kes", "lan", "mor", "nev", "or", "pel", "quin", "ros", "sal", "tam", "ul",
            "var", "wen", "zar", "bri", "cor", "dun", "fal", "gor", "lin", "mar", "nor", "sen", "val");
    private static final List<String> WORDS_A = List.of("Golden", "Silver", "Midnight", "Royal", "Wild", "Silent", "Bold",
            "Lucky", "Northern", "Western", "Crimson", "Dancing", "Flying", "Secret", "Noble", "Rapid", "Gentle", "Stormy",
            "Highland", "Velvet", "Copper", "Misty", "Brave", "Shadow", "Summer", "Winter", "Autumn", "Iron", "Ocean", "Desert");
    private static final List<String> WORDS_B = List.of("Arrow", "Dream", "Legend", "Star", "Knight", "River", "Spirit",
            "Falcon", "Thunder", "Melody", "Harbour", "Meadow", "Voyage", "Echo", "Crown", "Glory", "Charm", "Rebel", "Comet",
            "Venture", "Lady", "Prince", "Warrior", "Whisper", "Fortune", "Tempest", "Horizon", "Jewel", "Raven", "Banner");
    private static final List<String> FIRST = List.of("James", "Oisin", "Hollie", "Rachael", "Paul", "Harry", "Sean", "William",
            "Tom", "Daniel", "Ryan", "Jack", "Kieran", "Sam", "Ben", "David", "Rob", "Adam", "Luke", "Mark", "Emma", "Nicola",
            "Jessica", "Danny", "Richard", "Philip", "Gavin", "Conor", "Jamie", "Callum");
    private static final List<String> SURNAMES = List.of("Murphy", "Doyle", "Moore", "Blackmore", "Hanagan", "Fallon",
            "Kingscote", "Buick", "Townend", "Mullins", "Walsh", "Hughes", "Crowley", "Spencer", "Tudhope", "Fanning", "Johnson",
            "Skelton", "Bowen", "Cobden", "Keniry", "O'Brien", "Hobbs", "Haggas", "Balding", "Gosden", "Appleby", "Elliott",
            "Henderson", "Nicholls", "Twiston", "King", "Dunne", "Curran", "Lee", "Scott", "Quinn", "Kelly", "Brennan", "Power");
    private static final List<String> SPONSORS = List.of("Unibet", "Sky Bet", "Betfred", "William Hill", "Coral", "Ladbrokes",
            "Paddy Power", "Racing TV", "Irish Stallion Farms", "British Stallion Studs", "Tote", "At The Races",
            "Jockey Club", "Weatherbys", "Britbet", "Boylesports", "Follow Us On Social Media", "Download The App");
    private static final List<String> PLACES = List.of("Newmarket", "Lambourn", "Malton", "Middleham", "Epsom", "Upper Lambourn",
            "West Ilsley", "Kildare", "Carlow", "Tipperary", "Cashel", "Ditcheat", "Seven Barrows", "Cullentra", "Closutton");

    private Names() {
    }

    static String horse(Rng r) {
        if (r.chance(0.45)) {
            return r.pick(WORDS_A) + " " + r.pick(WORDS_B);
        }
        StringBuilder s = new StringBuilder();
        int n = r.between(2, 3);
        for (int i = 0; i < n; i++) {
            s.append(r.pick(SYLLABLES));
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String person(Rng r) {
        return r.pick(FIRST) + " " + r.pick(SURNAMES);
    }

    static String owner(Rng r) {
        return switch (r.nextInt(3)) {
            case 0 -> person(r);
            case 1 -> r.pick(WORDS_A) + " " + r.pick(WORDS_B) + " Partnership";
            default -> "Mr & Mrs " + r.pick(SURNAMES);
        };
    }

    static String place(Rng r) {
        return r.pick(PLACES);
    }

    static String sponsor(Rng r) {
        return r.pick(SPONSORS);
    }
}
