package netmon.ui;

/** Starts the netmon window. STUB: issue 4 builds it. */
public final class NetmonGui {
    private NetmonGui() {}

    /**
     * Opens the main window and blocks until it is closed. {@code listenerArgs} are {@code NAME=ENDPOINT}
     * specs to start at once (each prints {@code listening NAME PROTO ADDR:PORT} on stdout when up).
     * Returns the process exit status.
     */
    public static int launch(String[] listenerArgs) {
        throw new UnsupportedOperationException("GUI not built yet");
    }
}
