package dev.furlong.sandbox;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated race with its result: the runners in finishing order (non-finishers last), and the horses declared but
 * withdrawn ({@code nonRunners}, named with their reasons in {@code nonRunnersText}). Text fields hold exactly what the API
 * sends. {@code stewardsEnquiry} marks a race whose first two are reversed by the stewards the day after it is run.
 */
public record SimRace(String raceId, LocalDate date, SimCourse course, ZonedDateTime off, String raceName, String type,
                      String raceClass, String pattern, String ratingBand, String ageBand, String sexRestriction,
                      int distanceYards, String going, String surface, String jumps, List<SimRunner> runners,
                      List<SimRunner> nonRunners, String winningTimeDetail, String comments, String nonRunnersText,
                      String toteWin, String totePlace, String toteExacta, String toteCsf, String toteTricast,
                      String toteTrifecta, boolean stewardsEnquiry) {

    /**
     * The result as the API serves it on {@code today}: the evening after the race its ratings are not in yet ("–"), and a
     * stewards' enquiry reverses the first two from the second day on. Later answers correct earlier ones, as on the real feed.
     */
    public SimRace asServedOn(LocalDate today) {
        boolean ratingsPending = !today.isAfter(date.plusDays(1));
        boolean reversed = stewardsEnquiry && !today.isBefore(date.plusDays(2));
        if (!ratingsPending && !reversed) {
            return this;
        }
        List<SimRunner> served = new ArrayList<>(runners.size());
        for (SimRunner r : runners) {
            served.add(ratingsPending ? r.withRatings("–", "–") : r);
        }
        if (reversed && served.size() > 1 && served.get(1).position().equals("2")) {
            SimRunner first = served.get(0);
            SimRunner second = served.get(1);
            served.set(0, second.placed("1", first));
            served.set(1, first.placed("2", second));
        }
        return new SimRace(raceId, date, course, off, raceName, type, raceClass, pattern, ratingBand, ageBand, sexRestriction,
                distanceYards, going, surface, jumps, List.copyOf(served), nonRunners, winningTimeDetail,
                reversed ? "Stewards' Enquiry: placings of first and second reversed." : comments, nonRunnersText, toteWin, totePlace,
                toteExacta, toteCsf, toteTricast, toteTrifecta, stewardsEnquiry);
    }

    /** Every declared horse, runners and non-runners, in saddle-cloth order: the racecard's view. */
    public List<SimRunner> declared() {
        List<SimRunner> all = new ArrayList<>(runners);
        all.addAll(nonRunners);
        all.sort((a, b) -> Integer.compare(Integer.parseInt(a.number()), Integer.parseInt(b.number())));
        return all;
    }
}
