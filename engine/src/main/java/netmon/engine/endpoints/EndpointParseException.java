package netmon.engine.endpoints;

/**
 * A malformed endpoint description. The message is one line meant for a user, naming the description
 * and what is wrong with it, e.g. {@code bad endpoint 'tcp:abc': port must be a number 0-65535, got 'abc'}.
 */
public class EndpointParseException extends IllegalArgumentException {
    private final String description;

    public EndpointParseException(String description, String problem) {
        super("bad endpoint '" + description + "': " + problem);
        this.description = description;
    }

    /** The description that failed to parse, as given. */
    public String getDescription() { return description; }
}
