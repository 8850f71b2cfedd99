package dev.furlong.sandbox;

/** A course of the sandbox world. {@code kind} is flat, jump or both; all-weather courses race on the flat all year. */
public record SimCourse(String id, String name, String regionCode, String kind, boolean allWeather) {

    /** The name as results show it: all-weather tracks carry "(AW)", Irish courses then "(IRE)": "Dundalk (AW) (IRE)". */
    public String displayName() {
        String shown = allWeather ? name + " (AW)" : name;
        return regionCode.equals("IRE") ? shown + " (IRE)" : shown;
    }

    public String regionName() {
        return regionCode.equals("IRE") ? "Ireland" : "Great Britain";
    }
}
