package netmon.app;

import java.io.PrintStream;

/**
 * The entry point of {@code netmon.jar}: the GUI by default, {@code serve NAME=ENDPOINT ...} for the
 * headless mode of DESIGN.md's contract.
 *
 * <p>This class deliberately does not extend JavaFX's {@code Application} and touches {@code netmon.ui}
 * only through {@link GuiLauncher}, so the headless mode never loads a JavaFX class and starts fast.
 */
public final class Main {
    /** Exit status for a command line that cannot be run. */
    static final int EXIT_USAGE = 2;
    /**
     * The JVM options the installer's launcher sets (installer/pom.xml, BENCHMARKS.md "JVM options"). A
     * plain {@code java -jar} is not re-launched with them: a second JVM would double the start-up time
     * and leave a parent process between the user (or a benchmark, or a service manager) and the server;
     * {@code JDK_JAVA_OPTIONS} gives them to {@code java -jar} instead.
     */
    static final String RECOMMENDED_JVM_OPTIONS = "-XX:+UseSerialGC -Xms24m -Xmn8m";

    /**
     * System property that makes {@code serve} the default mode: set by the installer's {@code netmon-serve}
     * launcher, whose JVM options suit the headless server (a jpackage launcher has one set of JVM options,
     * and the GUI wants a large young generation where the server wants a small one).
     */
    static final String MODE_PROPERTY = "netmon.mode";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(withDefaultMode(args, System.getProperty(MODE_PROPERTY)), System.out, System.err));
    }

    /**
     * {@code args} with {@code serve} in front when {@code mode} is {@code "serve"} and the command line
     * does not already name the mode or ask for an option such as {@code --help}.
     */
    static String[] withDefaultMode(String[] args, String mode) {
        if (!"serve".equals(mode)) return args;
        if (args.length > 0 && (args[0].equals("serve") || args[0].startsWith("-"))) return args;
        String[] out = new String[args.length + 1];
        out[0] = "serve";
        System.arraycopy(args, 0, out, 1, args.length);
        return out;
    }

    /** Runs the command line and returns the exit status; never calls {@code System.exit} itself. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cmd;
        try {
            cmd = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        return switch (cmd.mode()) {
            case HELP -> {
                out.print(usage());
                out.flush();
                yield 0;
            }
            case SERVE -> Serve.run(cmd.listeners(), cmd.capture(), out, err);
            case GUI -> GuiLauncher.launch(cmd.listeners());
        };
    }

    /** The text {@code --help} prints. */
    static String usage() {
        return String.join(System.lineSeparator(),
                "usage: java -jar netmon.jar [NAME=ENDPOINT ...]         open the window (starting these listeners)",
                "       java -jar netmon.jar serve NAME=ENDPOINT ...     run headless until SIGTERM or SIGINT",
                "       java -jar netmon.jar serve --capture FILE.pcapng [--capture-budget BYTES] NAME=ENDPOINT ...",
                "                                                  ... and write the traffic as pcapng when stopped",
                "       java -jar netmon.jar --help",
                "",
                "NAME      echo | chat | udp-echo",
                "ENDPOINT  tcp:PORT[:interface=ADDR][:backlog=N]   (echo, chat)",
                "          udp:PORT[:interface=ADDR]               (udp-echo)",
                "          PORT 0 picks a free port; the default interface is 127.0.0.1.",
                "",
                "serve prints 'listening NAME PROTO ADDR:PORT' on stdout as each listener comes up.",
                "--capture keeps up to --capture-budget bytes per connection (default 1m; k, m, g suffixes),",
                "and at most half the JVM's maximum heap over all connections (the oldest closed ones go first).",
                "Exit status: 0 after SIGTERM/SIGINT, 1 if a listener cannot start, 2 for a bad command line.",
                "",
                "JVM options: the installed netmon-serve launcher (netmon-serve NAME=ENDPOINT ...) starts the",
                "headless server with " + RECOMMENDED_JVM_OPTIONS + "; with java -jar ... serve, set them in",
                "JDK_JAVA_OPTIONS (a jar cannot carry JVM options).",
                "");
    }
}
