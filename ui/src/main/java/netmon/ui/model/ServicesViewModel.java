package netmon.ui.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.endpoints.Endpoints;
import netmon.ui.bridge.ListenerDelta;
import netmon.ui.engine.EngineCommands;
import netmon.ui.engine.ListenerHandle;
import netmon.ui.settings.ListenerSpec;
import netmon.ui.settings.Settings;

/**
 * The services pane: listeners the user can add, remove, edit and switch on and off. Each switch is
 * reconciled with the engine: switching on validates the endpoint and starts the listener, switching
 * off stops it; a failure turns the switch back off, shows {@code failed: reason} in the row and posts a
 * {@link Notice}. A switch flipped while a start or stop is in flight is honoured when it completes, so
 * nothing is left half-started. FX thread only; engine results arrive as Deferreds fired on the FX thread.
 */
public final class ServicesViewModel {
    /** How many notices are kept (newest last). */
    public static final int MAX_NOTICES = 20;

    private final EngineCommands engine;
    private final LongSupplier clock;
    private final ObservableList<ServiceRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final Map<Long, long[]> trafficByListener = new HashMap<>();
    private final Map<Long, Integer> openByListener = new HashMap<>();
    private final LongProperty captureBudget = new SimpleLongProperty(this, "captureBudget", Settings.DEFAULT_CAPTURE_BUDGET);
    private CaptureSwitch captureSwitch = (id, on) -> { };

    /** Where a listener's capture flag goes: the inspectors' capture, keyed by the running listener's id. */
    @FunctionalInterface
    public interface CaptureSwitch {
        /** Captures {@code listenerId}'s traffic from now on, or stops capturing it. FX thread. */
        void setListenerCaptured(long listenerId, boolean captured);
    }

    /** A view-model with no rows; {@code clock} gives wall-clock millis for notices. */
    public ServicesViewModel(EngineCommands engine, LongSupplier clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** The listeners netmon offers on first run: echo tcp:7000, chat tcp:7001, udp-echo udp:7002 (127.0.0.1 is the default interface). */
    public static List<ListenerSpec> defaults() {
        return List.of(new ListenerSpec("echo", "tcp:7000"), new ListenerSpec("chat", "tcp:7001"),
                new ListenerSpec("udp-echo", "udp:7002"));
    }

    public ObservableList<ServiceRow> rows() { return rows; }

    /** Messages for the user, newest last, at most {@link #MAX_NOTICES}. */
    public ObservableList<Notice> notices() { return notices; }

    /**
     * The rows as settings remember them. Rows started from the command line are left out until the user
     * changes them (endpoint, cap or capture): {@code netmon echo=tcp:9000} is a one-off, not a new default.
     */
    public List<ListenerSpec> specs() {
        List<ListenerSpec> out = new ArrayList<>();
        for (ServiceRow r : rows) if (!r.fromCommandLine) out.add(r.spec());
        return out;
    }

    /** Sends each running row's capture flag to {@code s} now and whenever it changes. FX thread. */
    public void setCaptureSwitch(CaptureSwitch s) {
        captureSwitch = s == null ? (id, on) -> { } : s;
        for (ServiceRow r : rows) if (r.handle != null) captureSwitch.setListenerCaptured(r.handle.listenerId(), r.isCaptured());
    }

    /** Bytes the inspectors keep per connection or UDP flow; change it with {@link #setCaptureBudget}. */
    public ReadOnlyLongProperty captureBudgetProperty() { return captureBudget; }

    /** Sets the capture budget; out of [{@value Settings#MIN_CAPTURE_BUDGET}, {@value Settings#MAX_CAPTURE_BUDGET}] is refused. */
    public void setCaptureBudget(long bytes) {
        if (bytes < Settings.MIN_CAPTURE_BUDGET || bytes > Settings.MAX_CAPTURE_BUDGET) {
            throw new IllegalArgumentException(Limits.validateBudget(Long.toString(bytes)));
        }
        captureBudget.set(bytes);
    }

    /**
     * Sets a row's connection cap and, if it is listening, applies it to the running listener at once
     * (connections already open stay; new ones beyond the cap are refused). Out of range is refused.
     */
    public void setMaxConnections(ServiceRow r, int max) {
        if (max < 1 || max > ListenerSpec.MAX_MAX_CONNECTIONS) {
            throw new IllegalArgumentException(Limits.validateMaxConnections(Integer.toString(max)));
        }
        if (r.maxConnections.get() == max) return;
        r.maxConnections.set(max);
        r.fromCommandLine = false;
        ListenerHandle h = r.handle;
        if (h != null && "tcp".equals(h.protocol())) {
            engine.setMaxConnections(h, max).addErrback(f -> {
                notice(new Notice(Notice.Level.ERROR, "Connection cap not applied", reason(f), clock.getAsLong()));
                return null;
            });
        }
    }

    /**
     * Listeners bind 127.0.0.1 unless the user picks another interface; any other choice opens the port to
     * other machines, which a user pointing netmon at misbehaving peers must not do by accident.
     * Returns the warning to show, or null for loopback and for endpoints that do not parse.
     */
    static String exposureWarning(String endpoint) {
        String iface;
        try {
            iface = Endpoints.parseServer(endpoint == null ? "" : endpoint.strip()).iface();
        } catch (IllegalArgumentException e) {
            return null;
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(iface); // parseServer accepts numeric addresses only: no DNS here
        } catch (UnknownHostException e) {
            return null;
        }
        if (a.isLoopbackAddress()) return null;
        return a.isAnyLocalAddress()
                ? "listens on every interface (" + iface + "): other machines can connect"
                : "listens on " + iface + ": other machines can connect";
    }

    /** Adds a stopped listener row with the default limits. */
    public ServiceRow add(String kind, String endpoint) { return add(new ListenerSpec(kind, endpoint)); }

    /**
     * Adds a stopped row for a listener named on the command line. It is not remembered in the settings
     * unless the user then changes its endpoint, cap or capture in the window.
     */
    public ServiceRow addFromCommandLine(String kind, String endpoint) {
        ServiceRow r = add(kind, endpoint);
        r.fromCommandLine = true;
        return r;
    }

    /** Adds a stopped listener row as the settings remember it (cap out of range means the default). */
    public ServiceRow add(ListenerSpec spec) {
        String kind = spec.kind(), endpoint = spec.endpoint();
        ServiceRow r = new ServiceRow(kind, endpoint);
        int max = spec.maxConnections();
        r.maxConnections.set(max >= 1 && max <= ListenerSpec.MAX_MAX_CONNECTIONS ? max : ListenerSpec.DEFAULT_MAX_CONNECTIONS);
        r.captured.set(spec.captured());
        r.captured.addListener((o, a, on) -> {
            r.fromCommandLine = false;
            if (r.handle != null) captureSwitch.setListenerCaptured(r.handle.listenerId(), on);
        });
        r.validation.set(engine.validate(kind, endpoint));
        r.exposure.set(exposureWarning(endpoint));
        r.endpoint.addListener((o, a, b) -> {
            r.fromCommandLine = false;
            r.validation.set(engine.validate(kind, b));
            r.exposure.set(exposureWarning(b));
            if (r.getPhase() == ServiceRow.Phase.FAILED) {
                r.phase.set(ServiceRow.Phase.STOPPED);
                r.stateText.set("stopped");
            }
        });
        r.switchOn.addListener((o, a, b) -> reconcile(r));
        rows.add(r);
        return r;
    }

    /** Removes a row; switching it off first stops its listener if it runs (or as soon as its start completes). */
    public void remove(ServiceRow r) {
        r.switchOn.set(false);
        rows.remove(r);
    }

    /** Switches a row on (as the switch would) and returns a Deferred that fires when it listens or failed. */
    public Deferred<ServiceRow> switchOn(ServiceRow r) {
        Deferred<ServiceRow> done = new Deferred<>();
        r.phase.addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends ServiceRow.Phase> o, ServiceRow.Phase a, ServiceRow.Phase b) {
                if (b == ServiceRow.Phase.LISTENING || b == ServiceRow.Phase.FAILED || b == ServiceRow.Phase.STOPPED) {
                    o.removeListener(this);
                    done.callback(r);
                }
            }
        });
        r.switchOn.set(true);
        if (!done.isCalled() && r.getPhase() != ServiceRow.Phase.STARTING) done.callback(r);
        return done;
    }

    private void reconcile(ServiceRow r) {
        boolean want = r.switchOn.get();
        ServiceRow.Phase p = r.getPhase();
        if (want && (p == ServiceRow.Phase.STOPPED || p == ServiceRow.Phase.FAILED)) {
            start(r);
        } else if (!want && p == ServiceRow.Phase.LISTENING) {
            stop(r);
        }
    }

    private void start(ServiceRow r) {
        String endpoint = r.getEndpoint() == null ? "" : r.getEndpoint().trim();
        String invalid = engine.validate(r.kind(), endpoint);
        if (invalid != null) {
            fail(r, invalid, r.kind() + " cannot start");
            return;
        }
        r.phase.set(ServiceRow.Phase.STARTING);
        r.editable.set(false);
        r.stateText.set("starting…");
        engine.startListener(r.kind(), endpoint, r.getMaxConnections()).addCallbacks(h -> {
            r.handle = h;
            r.refused.set(0);
            captureSwitch.setListenerCaptured(h.listenerId(), r.isCaptured());
            r.stateText.set("listening on " + h.host().hostPort());
            r.phase.set(ServiceRow.Phase.LISTENING);
            r.sampleAtMillis = clock.getAsLong();
            long[] t = trafficByListener.get(h.listenerId());
            r.sampleIn = t == null ? 0 : t[0];
            r.sampleOut = t == null ? 0 : t[1];
            updateOpen(r);
            if (!r.switchOn.get()) stop(r);
            return null;
        }, f -> {
            fail(r, reason(f), r.kind() + " could not start on " + endpoint);
            return null;
        });
    }

    private Deferred<Void> stop(ServiceRow r) {
        ListenerHandle h = r.handle;
        r.phase.set(ServiceRow.Phase.STOPPING);
        r.stateText.set("stopping…");
        return engine.stopListener(h).addCallbacks(v -> {
            r.handle = null;
            r.stateText.set("stopped");
            r.editable.set(true);
            r.phase.set(ServiceRow.Phase.STOPPED);
            r.rateIn.set(0);
            r.rateOut.set(0);
            if (r.switchOn.get()) reconcile(r);
            return null;
        }, f -> {
            r.handle = null;
            fail(r, reason(f), r.kind() + " did not stop cleanly");
            return null;
        });
    }

    private void fail(ServiceRow r, String reason, String title) {
        r.failure = reason;
        r.stateText.set("failed: " + reason);
        r.editable.set(true);
        r.switchOn.set(false);
        notice(new Notice(Notice.Level.ERROR, title, reason, clock.getAsLong()));
        // Phase last: it is what watchers wait on, so everything else is in place when it changes.
        r.phase.set(ServiceRow.Phase.FAILED);
    }

    /** Posts a notice for the user (bounded list). */
    public void notice(Notice n) {
        if (notices.size() >= MAX_NOTICES) notices.remove(0);
        notices.add(n);
    }

    /** The one-line reason of a failure, never a stack trace. */
    static String reason(Failure f) {
        Throwable t = f.getValue();
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Adds one batch of per-listener traffic. FX thread. */
    public void apply(Collection<ListenerDelta> deltas) {
        for (ListenerDelta d : deltas) {
            long[] t = trafficByListener.computeIfAbsent(d.listenerId(), k -> new long[2]);
            t[0] += d.bytesIn();
            t[1] += d.bytesOut();
            if (d.opened() != 0 || d.closed() != 0) {
                openByListener.merge(d.listenerId(), d.opened() - d.closed(), Integer::sum);
            }
        }
        for (ServiceRow r : rows) updateOpen(r);
    }

    private void updateOpen(ServiceRow r) {
        if (r.handle == null) return;
        r.openConnections.set(Math.max(0, openByListener.getOrDefault(r.handle.listenerId(), 0)));
    }

    /** Total bytes {in, out} seen for a listener id (for tests and the status bar). */
    public long[] traffic(long listenerId) {
        long[] t = trafficByListener.get(listenerId);
        return t == null ? new long[2] : t.clone();
    }

    /** Asks the engine for the row's refusal count (a cheap read on the reactor thread, once a second). */
    private void pollRefused(ServiceRow r) {
        ListenerHandle h = r.handle;
        if (h == null || !"tcp".equals(h.protocol())) return;
        engine.refusedConnections(h).addCallbacks(n -> {
            if (r.handle == h) r.refused.set(n);
            return null;
        }, f -> null);
    }

    /** Recomputes bytes/s and refusal counts about once a second. FX thread. */
    public void tick(long nowMillis) {
        for (ServiceRow r : rows) {
            if (r.handle == null) continue;
            long dt = nowMillis - r.sampleAtMillis;
            if (dt < 1000) continue;
            long[] t = trafficByListener.getOrDefault(r.handle.listenerId(), new long[2]);
            r.rateIn.set((t[0] - r.sampleIn) * 1000.0 / dt);
            r.rateOut.set((t[1] - r.sampleOut) * 1000.0 / dt);
            r.sampleIn = t[0];
            r.sampleOut = t[1];
            r.sampleAtMillis = nowMillis;
            pollRefused(r);
        }
    }
}
