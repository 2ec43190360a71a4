package netmon.engine.basic;

/** The peer sent something that is not a netstring: a bad length, a missing colon or comma. */
public class NetstringParseError extends RuntimeException {
    public NetstringParseError(String message) { super(message); }
}
