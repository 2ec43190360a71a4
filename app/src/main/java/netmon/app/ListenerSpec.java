package netmon.app;

/**
 * One {@code NAME=ENDPOINT} argument: a built-in service name ({@code echo}, {@code chat}, {@code udp-echo})
 * and the strports endpoint it should listen on, exactly as the user wrote it.
 */
record ListenerSpec(String name, String endpoint) {

    // equals and hashCode are written out: a record's generated ones bootstrap through invokedynamic,
    // which costs serve a noticeable slice of its startup time.
    @Override
    public boolean equals(Object o) {
        return o instanceof ListenerSpec other && name.equals(other.name) && endpoint.equals(other.endpoint);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + endpoint.hashCode();
    }

    /** The argument as it appeared on the command line; error messages quote it. */
    @Override
    public String toString() {
        return name + "=" + endpoint;
    }
}
