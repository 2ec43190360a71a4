package netmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code serve} process for the end-to-end tests: {@code java -jar netmon.jar serve SPEC...} started as a
 * separate process, its stdout and stderr collected line by line, and helpers to wait for the
 * {@code listening} lines, to signal it and to wait for its exit. {@link #close()} kills it whatever happened.
 *
 * <p>The jar comes from the {@code netmon.jar} system property (set by the app pom). Setting
 * {@code netmon.serve.cmd} (a whitespace-separated command prefix, e.g. {@code java -jar other.jar serve})
 * runs the same tests against another implementation of the headless contract.
 *
 * <p>SIGINT may arrive ignored from the process that started the test run (TWISTED-SEMANTICS 115: a JVM
 * that starts with SIGINT ignored never handles it), so when perl is present the child is started through
 * {@code perl -e 'reset INT and TERM to default; exec'}; exec keeps the pid, so signals reach the JVM.
 */
final class ServeProcess implements AutoCloseable {
    /** {@code listening NAME PROTO ADDR:PORT}, ADDR possibly an IPv6 literal in brackets. */
    static final Pattern LISTENING =
            Pattern.compile("listening (echo|chat|udp-echo) (tcp|udp) (\\[[0-9a-fA-F:.]+\\]|[0-9.]+):(\\d{1,5})");
    private static final Path PERL = Path.of("/usr/bin/perl");

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;
    private final long startNanos = System.nanoTime();

    private ServeProcess(List<String> command) throws IOException {
        this(command, Map.of());
    }

    private ServeProcess(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        process = pb.start();
        process.getOutputStream().close();
        outReader = pump(process.getInputStream(), stdout, "serve-stdout");
        errReader = pump(process.getErrorStream(), stderr, "serve-stderr");
    }

    /** Starts {@code serve} with these {@code NAME=ENDPOINT} arguments. */
    static ServeProcess start(String... specs) throws IOException {
        return startWithJvmOptions(List.of(), specs);
    }

    /** Starts {@code serve} with extra JVM options (only for the real jar, not a {@code netmon.serve.cmd}). */
    static ServeProcess startWithJvmOptions(List<String> jvmOptions, String... specs) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(PERL)) {
            cmd.addAll(List.of(PERL.toString(), "-e",
                    "$SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\\n\";"));
        }
        String override = System.getProperty("netmon.serve.cmd", "").trim();
        if (!override.isEmpty() && jvmOptions.isEmpty()) {
            cmd.addAll(Arrays.asList(override.split("\\s+")));
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmOptions);
            cmd.add("-jar");
            cmd.add(jar().toString());
            cmd.add("serve");
        }
        cmd.addAll(Arrays.asList(specs));
        return new ServeProcess(cmd);
    }

    /**
     * Starts the GUI ({@code java -jar netmon.jar SPEC...}, no {@code serve}) under {@code xvfb-run}, with
     * {@code environment} added (e.g. a scratch XDG_CONFIG_HOME so no real settings are touched).
     */
    static ServeProcess startGui(Map<String, String> environment, String... specs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        cmd.addAll(Arrays.asList(specs));
        return new ServeProcess(cmd, environment);
    }

    /** The JVM of this process: itself, or the java process a wrapper such as xvfb-run started. */
    ProcessHandle jvm() {
        return process.descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElse(process.toHandle());
    }

    /** Sends SIGTERM to {@link #jvm()} with {@code kill -TERM}. */
    void sigtermJvm() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(jvm().pid())).inheritIO().start();
        assertTrue(kill.waitFor(5, TimeUnit.SECONDS), "kill -TERM did not finish");
        assertEquals(0, kill.exitValue(), "kill -TERM failed");
    }

    static Path jar() {
        String p = System.getProperty("netmon.jar");
        if (p == null) fail("system property netmon.jar is not set (the app pom sets it for failsafe)");
        Path jar = Path.of(p);
        assertTrue(Files.isRegularFile(jar), "netmon.jar not found at " + jar + " (run mvn package first)");
        return jar;
    }

    private static Thread pump(InputStream in, List<String> into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (into) {
                        into.add(line);
                        into.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read is kept
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A listener the process announced. */
    record Listening(String name, String proto, String host, int port) {
        InetSocketAddress address() {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return new InetSocketAddress(h, port);
        }
    }

    /**
     * Waits until {@code count} listening lines have appeared on stdout and returns them in order;
     * fails if the process exits or writes an {@code error:} line first, or after {@code timeout}.
     */
    List<Listening> awaitListening(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stdout) {
            while (true) {
                List<Listening> found = new ArrayList<>();
                for (String line : stdout) {
                    Matcher m = LISTENING.matcher(line);
                    assertTrue(m.matches(), "stdout line is not a listening line: '" + line + "'");
                    found.add(new Listening(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4))));
                }
                if (found.size() >= count) return found;
                long left = deadline - System.nanoTime();
                if (left <= 0) fail("no " + count + " listening lines within " + timeout + "; " + describe());
                if (!process.isAlive()) {
                    errReader.join(2000);
                    fail("serve exited with " + process.exitValue() + " before listening; " + describe());
                }
                stdout.wait(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    /** The one listener with this name (fails if there is not exactly one). */
    static Listening only(List<Listening> all, String name) {
        List<Listening> l = all.stream().filter(x -> x.name().equals(name)).toList();
        assertEquals(1, l.size(), "listeners named " + name + ": " + all);
        return l.get(0);
    }

    /**
     * Starts {@code serve NAME=ENDPOINT} with one listener and returns it, checking it listens on the
     * default interface with the expected protocol. The process is handed to {@code keep} before any check
     * so that an {@code @AfterAll} can still stop it when a check fails.
     */
    static Listening startOne(String spec, String proto, java.util.function.Consumer<ServeProcess> keep) throws IOException, InterruptedException {
        ServeProcess p = start(spec);
        keep.accept(p);
        Listening l = only(p.awaitListening(1, Duration.ofSeconds(30)), spec.substring(0, spec.indexOf('=')));
        assertEquals(proto, l.proto());
        assertEquals("127.0.0.1", l.host(), "default interface");
        return l;
    }

    /** Stops a server started for a test class: SIGTERM, exit status 0 within 10 s, then the process is gone. Null-safe. */
    static void stopCleanly(ServeProcess p) throws InterruptedException {
        if (p == null) return;
        try {
            p.sigterm();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(10)), p.describe());
        } finally {
            p.close();
        }
    }

    /** Waits for the process to exit and returns its status; fails after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("serve still running after " + timeout + "; " + describe());
        }
        outReader.join(2000);
        errReader.join(2000);
        return process.exitValue();
    }

    /** Seconds since this process was started. */
    double secondsSinceStart() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM ({@link Process#destroy()} does exactly that on Linux). */
    void sigterm() {
        process.destroy();
    }

    /** Sends SIGINT with {@code kill -INT}. */
    void sigint() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid())).inheritIO().start();
        assertTrue(kill.waitFor(5, TimeUnit.SECONDS), "kill -INT did not finish");
        assertEquals(0, kill.exitValue(), "kill -INT " + pid() + " failed");
    }

    /** The signals the process ignores, from {@code /proc/PID/status} (bit n-1 for signal n). */
    long ignoredSignals() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("SigIgn:")) return Long.parseUnsignedLong(line.substring(7).trim(), 16);
        }
        throw new IOException("no SigIgn in /proc/" + pid() + "/status");
    }

    List<String> stdoutLines() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    List<String> stderrLines() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** Asserts the stderr of an exited process holds exactly one {@code error:} line and no stack trace. */
    String assertOneErrorLineAndNoStackTrace() {
        List<String> err = stderrLines();
        List<String> errors = err.stream().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), "error: lines on stderr: " + err);
        for (String l : err) {
            assertTrue(!l.matches("\\s+at .*") && !l.startsWith("Caused by:") && !l.startsWith("Exception in thread"),
                    "stack trace on stderr: " + err);
        }
        return errors.get(0);
    }

    String describe() {
        return "stdout=" + stdoutLines() + " stderr=" + stderrLines();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
