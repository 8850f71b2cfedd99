package dev.furlong.sandbox;

/**
 * One runner of a simulated result. Text fields hold exactly what the API sends (string-typed, "" or a dash when missing), so
 * the renderer copies them and the truth export can report them.
 */
public record SimRunner(SimHorse horse, int age, String number, String draw, String position, String btn, String ovrBtn,
                        String sp, String spDec, String weight, int weightLbs, String headgear, String time, String officialRating,
                        String rpr, String tsr, String prize, String jockeyId, String jockeyName, int jockeyClaim,
                        String trainerId, String trainerName, String ownerId, String ownerName, SimHorse sire, SimHorse dam,
                        SimHorse damsire, String comment) {
}
