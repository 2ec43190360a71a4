package netmon.ui.bridge;

import netmon.engine.monitor.ListenerInfo;

/**
 * A listener started, stopped or failed, as the monitor reported it.
 *
 * @param kind     what happened
 * @param info     the listener (null for {@link Kind#FAILED})
 * @param name     the service name
 * @param message  for a failure, the one-line reason; otherwise null
 */
public record ListenerEvent(Kind kind, ListenerInfo info, String name, String message) {
    /** The kinds of listener event. */
    public enum Kind { STARTED, STOPPED, FAILED }
}
