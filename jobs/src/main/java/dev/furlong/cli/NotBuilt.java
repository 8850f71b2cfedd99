package dev.furlong.cli;

/** What a registered command that is not built yet does: says so, and fails. */
final class NotBuilt {

    private NotBuilt() {
    }

    static int say(String command) {
        System.err.println("furlong " + command + ": not built yet. Nothing was done.");
        return Furlong.FAILED;
    }
}
