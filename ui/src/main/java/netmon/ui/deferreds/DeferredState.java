package netmon.ui.deferreds;

/** Where a Deferred stands, as the Deferreds view shows it. */
public enum DeferredState {
    /** Not fired yet. */
    PENDING("pending", true),
    /** Fired, its chain paused on a nested Deferred. */
    WAITING("waiting", true),
    /** Fired, callbacks held by an explicit pause(). */
    PAUSED("paused", true),
    /** Fired and its chain ran out with a value, never having carried a failure. */
    SUCCEEDED("succeeded", false),
    /** Its chain carried a failure but ended with a value (an errback recovered, or it was handed on). */
    RECOVERED("recovered", false),
    /** Its chain ended in a failure that no errback handled. */
    FAILED("failed, unhandled", false),
    /** Ended in a failure that a later errback then handled (unhandled mark cleared). */
    FAILED_HANDLED("failed, handled", false);

    private final String text;
    private final boolean live;

    DeferredState(String text, boolean live) {
        this.text = text;
        this.live = live;
    }

    /** Words for the table. */
    public String text() { return text; }

    /** True while the Deferred has not reached the end of its chain. */
    public boolean isLive() { return live; }
}
