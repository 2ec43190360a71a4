package netmon.app;

/**
 * One {@code NAME=ENDPOINT} argument: a built-in service name ({@code echo}, {@code chat}, {@code udp-echo})
 * and the strports endpoint it should listen on, exactly as the user wrote it.
 */
record ListenerSpec(String name, String endpoint) {

    /** The argument as it appeared on the command line; error messages quote it. */
    @Override
    public String toString() {
        return name + "=" + endpoint;
    }
}
