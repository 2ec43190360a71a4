package netmon.engine.reactor.internal;

import java.util.regex.Pattern;

/** Small helpers for numeric address checks, done without DNS. */
public final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Addresses() {}

    /** True if {@code host} is an IPv4 or IPv6 literal, so resolving it never touches DNS. */
    public static boolean isNumeric(String host) {
        if (host == null || host.isEmpty()) return false;
        if (IPV4.matcher(host).matches()) {
            for (String part : host.split("\\.")) if (Integer.parseInt(part) > 255) return false;
            return true;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.indexOf(':') >= 0 && h.matches("[0-9a-fA-F:.%\\w]+");
    }
}
