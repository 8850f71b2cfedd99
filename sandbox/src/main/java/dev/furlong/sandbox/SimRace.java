package dev.furlong.sandbox;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated race with its result: the runners in finishing order (non-finishers last), the horses declared but withdrawn
 * ({@code nonRunners}, named with their reasons in {@code nonRunnersText}), and those {@code scratched} from the card before
 * the day (on the cards served two days ahead or more, on no later card and not named by the result). Text fields hold exactly
 * what the API sends. {@code stewardsEnquiry} marks a race the stewards change the day after it is run: the first two reversed,
 * or the winner disqualified (see {@link #asServedOn}).
 *
 * <p>Besides, as on the real feed, a few races have no off time ({@link #offKnown}) or an impossible date ({@link #dateText}).
 */
public record SimRace(String raceId, LocalDate date, SimCourse course, ZonedDateTime off, String raceName, String type,
                      String raceClass, String pattern, String ratingBand, String ageBand, String sexRestriction,
                      int distanceYards, String going, String surface, String jumps, List<SimRunner> runners,
                      List<SimRunner> nonRunners, String winningTimeDetail, String comments, String nonRunnersText,
                      String toteWin, String totePlace, String toteExacta, String toteCsf, String toteTricast,
                      String toteTrifecta, boolean stewardsEnquiry, List<SimRunner> scratched) {

    /** About one race in 400 is sent without an off time ({@code off_dt} ""). */
    public boolean offKnown() {
        return Math.floorMod(raceId.hashCode(), 400) != 7;
    }

    /** The date as the API sends it: about one race in 1,000 carries an impossible one ("2026-02-30") in both sources. */
    public String dateText() {
        return Math.floorMod(Rng.mix(raceId.hashCode() ^ 0x5EED_DA7EL), 1000) == 0 ? date.getYear() + "-02-30" : date.toString();
    }

    /** A stewards' enquiry that disqualifies the winner (the others move up) rather than reversing the first two. */
    public boolean disqualification() {
        return stewardsEnquiry && Math.floorMod(raceId.hashCode(), 2) == 1;
    }

    /**
     * The result as the API serves it on {@code today}: the evening after the race its ratings are not in yet ("–"); from the
     * second day on a stewards' enquiry has reversed the first two, or disqualified the winner ("DSQ", listed last, the others
     * one place up); from the third day on the winner's rating of a race with an enquiry is withdrawn ("–") pending review.
     * Later answers correct earlier ones, as on the real feed.
     */
    public SimRace asServedOn(LocalDate today) {
        boolean ratingsPending = !today.isAfter(date.plusDays(1));
        boolean changed = stewardsEnquiry && !today.isBefore(date.plusDays(2));
        boolean ratingWithdrawn = stewardsEnquiry && !today.isBefore(date.plusDays(3));
        if (!ratingsPending && !changed) {
            return this;
        }
        List<SimRunner> served = new ArrayList<>(runners.size());
        for (SimRunner r : runners) {
            served.add(ratingsPending ? r.withRatings("–", "–") : r);
        }
        boolean firstTwo = served.size() > 1 && served.get(0).position().equals("1") && served.get(1).position().equals("2");
        if (changed && firstTwo && !disqualification()) {
            SimRunner first = served.get(0);
            SimRunner second = served.get(1);
            served.set(0, second.placed("1", first));
            served.set(1, first.placed("2", second));
        } else if (changed && firstTwo) {
            List<SimRunner> before = List.copyOf(served);
            served.remove(0);
            for (int i = 0; i < served.size(); i++) {
                SimRunner r = served.get(i);
                if (r.position().matches("\\d+")) { // each finisher takes the place, distances and prize of the one ahead
                    served.set(i, r.placed(Integer.toString(Integer.parseInt(r.position()) - 1), before.get(i)));
                }
            }
            served.add(before.get(0).disqualified());
        }
        if (ratingWithdrawn && !served.isEmpty()) {
            served.set(0, served.get(0).withRatings("–", served.get(0).tsr()));
        }
        String note = !changed ? comments : disqualification() ? "Stewards' Enquiry: the winner was disqualified."
                : "Stewards' Enquiry: placings of first and second reversed.";
        return new SimRace(raceId, date, course, off, raceName, type, raceClass, pattern, ratingBand, ageBand, sexRestriction,
                distanceYards, going, surface, jumps, List.copyOf(served), nonRunners, winningTimeDetail, note, nonRunnersText,
                toteWin, totePlace, toteExacta, toteCsf, toteTricast, toteTrifecta, stewardsEnquiry, scratched);
    }

    /** Every declared horse, runners and non-runners, in saddle-cloth order: the racecard's view on the day. */
    public List<SimRunner> declared() {
        List<SimRunner> all = new ArrayList<>(runners);
        all.addAll(nonRunners);
        all.sort((a, b) -> Integer.compare(Integer.parseInt(a.number()), Integer.parseInt(b.number())));
        return all;
    }

    /** The card served on {@code today}: two days ahead or more it still lists the horses scratched before the day. */
    public List<SimRunner> declaredOn(LocalDate today) {
        if (scratched.isEmpty() || !today.isBefore(date.minusDays(1))) {
            return declared();
        }
        List<SimRunner> all = new ArrayList<>(declared());
        all.addAll(scratched);
        all.sort((a, b) -> Integer.compare(Integer.parseInt(a.number()), Integer.parseInt(b.number())));
        return all;
    }
}
