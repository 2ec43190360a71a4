package netmon.ui.settings;

/**
 * A listener as the user configured it: a built-in service kind and its endpoint text.
 *
 * @param kind     {@code echo}, {@code chat} or {@code udp-echo}
 * @param endpoint e.g. {@code tcp:7000}
 */
public record ListenerSpec(String kind, String endpoint) {}
