package dev.furlong.sandbox;

/** A course of the sandbox world. {@code kind} is flat, jump or both; all-weather courses race on the flat all year. */
public record SimCourse(String id, String name, String regionCode, String kind, boolean allWeather) {

    /** The name as results show it: Irish courses carry "(IRE)", all-weather tracks "(AW)". */
    public String displayName() {
        if (regionCode.equals("IRE")) {
            return name + " (IRE)";
        }
        return allWeather ? name + " (AW)" : name;
    }

    public String regionName() {
        return regionCode.equals("IRE") ? "Ireland" : "Great Britain";
    }
}
