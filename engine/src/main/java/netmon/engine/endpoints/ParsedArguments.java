package netmon.engine.endpoints;

import java.util.List;
import java.util.Map;

/**
 * A strports description after tokenizing (Twisted's {@code _parse}): the positional arguments in order
 * (the first is the endpoint type) and the {@code key=value} arguments.
 */
public record ParsedArguments(List<String> args, Map<String, String> kwargs) {
    public ParsedArguments {
        args = List.copyOf(args);
        kwargs = Map.copyOf(kwargs);
    }
}
