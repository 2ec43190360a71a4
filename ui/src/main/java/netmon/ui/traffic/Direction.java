package netmon.ui.traffic;

/** Which way a chunk went: {@link #IN} as the protocol's dataReceived got it, {@link #OUT} as the app wrote it. */
public enum Direction {
    IN("←", "in"), OUT("→", "out");

    private final String arrow;
    private final String word;

    Direction(String arrow, String word) {
        this.arrow = arrow;
        this.word = word;
    }

    /** An arrow for compact headers. */
    public String arrow() { return arrow; }

    /** {@code in} or {@code out}. */
    public String word() { return word; }
}
