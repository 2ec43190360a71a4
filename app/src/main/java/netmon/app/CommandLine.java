package netmon.app;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line of {@code netmon.jar}: what to do ({@link Mode}) and the listeners to start.
 *
 * <p>{@code serve NAME=ENDPOINT ...} runs headless; {@code --help} (alone, or after {@code serve}) asks for
 * the usage text; anything else opens the GUI, with any {@code NAME=ENDPOINT} arguments as listeners it
 * starts at once. Only the shape of each argument is checked here (a known NAME, an '=' and a non-blank
 * name part); the endpoint itself is the engine's to judge, because the GUI reports endpoint errors in its
 * window rather than on stderr.
 */
record CommandLine(Mode mode, List<ListenerSpec> listeners, CaptureOption capture) {

    /** The names accepted before '='. Kept here rather than read from the engine so parsing loads nothing. */
    static final List<String> NAMES = List.of("echo", "chat", "udp-echo");

    /** What the process does. */
    enum Mode { GUI, SERVE, HELP }

    CommandLine {
        listeners = List.copyOf(listeners);
    }

    /** A command line without {@code --capture}. */
    CommandLine(Mode mode, List<ListenerSpec> listeners) {
        this(mode, listeners, null);
    }

    /** Parses {@code args}; every problem is a {@link UsageException} whose message fits after {@code error: }. */
    static CommandLine parse(String[] args) throws UsageException {
        if (args.length == 0) return new CommandLine(Mode.GUI, List.of());
        if (isHelp(args[0])) return new CommandLine(Mode.HELP, List.of());
        if (args[0].equals("serve")) {
            if (args.length > 1 && isHelp(args[1])) return new CommandLine(Mode.HELP, List.of());
            CaptureOption.Split split = CaptureOption.extract(java.util.Arrays.asList(args).subList(1, args.length));
            List<ListenerSpec> specs = parseSpecs(split.rest().toArray(String[]::new), 0);
            if (specs.isEmpty()) {
                throw new UsageException("serve needs at least one NAME=ENDPOINT, e.g. serve echo=tcp:7000");
            }
            return new CommandLine(Mode.SERVE, specs, split.capture());
        }
        return new CommandLine(Mode.GUI, parseSpecs(args, 0));
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    private static List<ListenerSpec> parseSpecs(String[] args, int from) throws UsageException {
        List<ListenerSpec> specs = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            ListenerSpec spec = parseSpec(args[i]);
            if (specs.contains(spec) && !mayRepeat(spec.endpoint())) {
                throw new UsageException("'" + spec + "' is given twice; each listener needs its own endpoint");
            }
            specs.add(spec);
        }
        return specs;
    }

    /** Parses one {@code NAME=ENDPOINT}. */
    static ListenerSpec parseSpec(String arg) throws UsageException {
        if (arg.startsWith("-")) {
            throw new UsageException("unknown option '" + arg + "' (see --help)");
        }
        int eq = arg.indexOf('=');
        if (eq < 0) {
            String hint = NAMES.contains(arg) ? ", e.g. " + arg + "=" + (arg.equals("udp-echo") ? "udp:" : "tcp:") + "0" : "";
            throw new UsageException("'" + arg + "' is not NAME=ENDPOINT" + hint);
        }
        String name = arg.substring(0, eq);
        if (!NAMES.contains(name)) {
            throw new UsageException("unknown service '" + name + "' in '" + arg + "' (expected echo, chat or udp-echo)");
        }
        return new ListenerSpec(name, arg.substring(eq + 1));
    }

    /**
     * The same NAME=ENDPOINT twice is a mistake, except on an ephemeral port, where each copy gets a
     * port of its own ({@code echo=tcp:0 echo=tcp:0} starts two echo listeners). Endpoints naming the
     * same fixed port in different words are left to the bind, which reports the port in use.
     */
    private static boolean mayRepeat(String endpoint) {
        String[] parts = endpoint.split(":");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("0") && i == 1 || p.equals("port=0")) return true;
        }
        return false;
    }
}
