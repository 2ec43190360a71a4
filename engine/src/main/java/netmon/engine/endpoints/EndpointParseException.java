package netmon.engine.endpoints;

/**
 * A malformed endpoint description. The message is one line meant for a user, naming the description
 * and what is wrong with it, e.g. {@code bad endpoint 'tcp:abc': port must be a number 0-65535, got 'abc'}.
 */
public class EndpointParseException extends IllegalArgumentException {
    private final String description;

    /** A bad {@code description}: the message is {@code bad endpoint 'DESCRIPTION': PROBLEM}. */
    public EndpointParseException(String description, String problem) {
        this(description, problem, true);
    }

    private EndpointParseException(String description, String message, boolean prefixed) {
        super(prefixed ? "bad endpoint '" + description + "': " + message : message);
        this.description = description;
    }

    /** A problem that is not in the description itself (e.g. an unknown service name); {@code message} is used as is. */
    public static EndpointParseException withMessage(String description, String message) {
        return new EndpointParseException(description, message, false);
    }

    /** The description that failed to parse, as given. */
    public String getDescription() { return description; }
}
