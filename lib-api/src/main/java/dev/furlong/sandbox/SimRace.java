package dev.furlong.sandbox;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/** One simulated race with its result: the finishers in finishing order, then non-finishers. */
public record SimRace(String raceId, LocalDate date, SimCourse course, ZonedDateTime off, String raceName, String type,
                      String raceClass, String pattern, String ratingBand, String ageBand, String sexRestriction,
                      int distanceYards, String going, String surface, String jumps, List<SimRunner> runners,
                      String winningTimeDetail, String comments, String nonRunners, String toteWin, String totePlace,
                      String toteExacta, String toteCsf, String toteTricast, String toteTrifecta) {
}
