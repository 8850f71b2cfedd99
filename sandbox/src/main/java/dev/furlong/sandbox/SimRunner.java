package dev.furlong.sandbox;

/**
 * One declared horse of a simulated race. Text fields hold exactly what the API sends (string-typed, "" or a dash when
 * missing), so the renderer copies them and the truth export reports them. A non-runner has no position, price or time.
 */
public record SimRunner(SimHorse horse, int age, String number, String draw, String position, String btn, String ovrBtn,
                        String sp, String spDec, String weight, int weightLbs, String headgear, String time, String officialRating,
                        String rpr, String tsr, String prize, String jockeyId, String jockeyName, int jockeyClaim,
                        String trainerId, String trainerName, String ownerId, String ownerName, SimHorse sire, SimHorse dam,
                        SimHorse damsire, String comment) {

    SimRunner withRatings(String newRpr, String newTsr) {
        return new SimRunner(horse, age, number, draw, position, btn, ovrBtn, sp, spDec, weight, weightLbs, headgear, time,
                officialRating, newRpr, newTsr, prize, jockeyId, jockeyName, jockeyClaim, trainerId, trainerName, ownerId,
                ownerName, sire, dam, damsire, comment);
    }

    /** This runner disqualified by the stewards: no place, distance or prize. */
    SimRunner disqualified() {
        return new SimRunner(horse, age, number, draw, "DSQ", "-", "-", sp, spDec, weight, weightLbs, headgear, time,
                officialRating, rpr, tsr, "", jockeyId, jockeyName, jockeyClaim, trainerId, trainerName, ownerId, ownerName, sire,
                dam, damsire, comment);
    }

    /** This runner given another's place (position, distances and prize) after a stewards' enquiry. */
    SimRunner placed(String newPosition, SimRunner from) {
        return new SimRunner(horse, age, number, draw, newPosition, from.btn, from.ovrBtn, sp, spDec, weight, weightLbs, headgear,
                time, officialRating, rpr, tsr, from.prize, jockeyId, jockeyName, jockeyClaim, trainerId, trainerName, ownerId,
                ownerName, sire, dam, damsire, comment);
    }
}
