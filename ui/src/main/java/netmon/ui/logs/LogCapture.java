package netmon.ui.logs;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures the app's log: slf4j-simple writes to {@code System.err}, so {@link #install} replaces it with a
 * tee that still writes everything to the original stream and also splits it into lines for a
 * {@link LogRing}. Lines longer than {@link #MAX_LINE} bytes are cut (the original stream gets them whole).
 */
public final class LogCapture extends OutputStream {
    /** Bytes kept of one line. */
    public static final int MAX_LINE = 8192;

    private static LogRing installed;

    private final OutputStream original;
    private final LogRing ring;
    private final byte[] line = new byte[MAX_LINE];
    private int len;
    private boolean cut;

    /** A tee into {@code original} and {@code ring}. */
    public LogCapture(OutputStream original, LogRing ring) {
        this.original = original;
        this.ring = ring;
    }

    /**
     * Wraps {@code System.err} once per process and returns the ring it feeds (the same ring on later
     * calls). Call at GUI start, before much is logged.
     */
    public static synchronized LogRing install(int capacity) {
        if (installed != null) return installed;
        LogRing ring = new LogRing(capacity);
        System.setErr(new PrintStream(new LogCapture(System.err, ring), true, StandardCharsets.UTF_8));
        installed = ring;
        return ring;
    }

    @Override
    public synchronized void write(int b) {
        try {
            original.write(b);
        } catch (java.io.IOException ignored) {
            // stderr gone: keep capturing
        }
        take((byte) b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int n) {
        try {
            original.write(b, off, n);
        } catch (java.io.IOException ignored) {
            // stderr gone: keep capturing
        }
        for (int i = 0; i < n; i++) take(b[off + i]);
    }

    private void take(byte b) {
        if (b == '\n') {
            int n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
            ring.add(new String(line, 0, n, StandardCharsets.UTF_8) + (cut ? " …" : ""));
            len = 0;
            cut = false;
        } else if (len < MAX_LINE) {
            line[len++] = b;
        } else {
            cut = true;
        }
    }

    @Override
    public synchronized void flush() {
        try {
            original.flush();
        } catch (java.io.IOException ignored) {
            // nothing to do
        }
    }
}
