package netmon.ui.client;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;
import netmon.engine.endpoints.Endpoints;
import netmon.engine.protocol.Address;
import netmon.engine.protocol.Connector;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.DatagramTransport;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.Protocol;
import netmon.engine.protocol.ReconnectingClientFactory;
import netmon.engine.protocol.Transport;
import netmon.engine.reactor.Reactor;
import netmon.ui.traffic.StreamKey;

/**
 * The client tool's engine side: opens sessions to any {@code host:port} over TCP (through
 * {@code clientFromString}, or a {@link ReconnectingClientFactory} in reconnecting mode) or UDP (through
 * {@code udpClientFromString}), sends bytes, and disconnects. Every call is made on the FX thread, crosses
 * into the engine with {@code callFromThread}, and reports back through {@code fx}: returned Deferreds
 * fire on the FX thread and session properties change there. The session's traffic is captured by the
 * monitor like any other connection's, under {@link ClientSession#streamProperty()}.
 */
public final class ClientTool {
    private final Reactor reactor;
    private final Executor fx;
    private final ObservableList<ClientSession> sessions = FXCollections.observableArrayList();
    private int next = 1;

    /** A tool on {@code reactor}, reporting through {@code fx} (e.g. {@code Platform::runLater}). */
    public ClientTool(Reactor reactor, Executor fx) {
        this.reactor = reactor;
        this.fx = fx;
    }

    /** Every session opened, in order. FX thread. */
    public ObservableList<ClientSession> sessions() { return sessions; }

    /** Splits {@code host:port} (or {@code [v6]:port}); throws with the reason if it is not one. */
    public static Address parseTarget(String target, boolean udp) {
        String t = target == null ? "" : target.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) throw new IllegalArgumentException("expected host:port, e.g. 127.0.0.1:7000");
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        else if (host.indexOf(':') >= 0) throw new IllegalArgumentException("write an IPv6 address in brackets: [::1]:7000");
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number 1–65535");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1–65535");
        return new Address(udp ? "UDP" : "TCP", host, port);
    }

    /**
     * Opens a session. The Deferred fires (FX thread) with the session once connected (TCP) or bound and
     * connected (UDP), or errbacks with why not; the session is listed at once either way.
     *
     * @param timeoutSeconds TCP connect timeout
     * @param reconnect      TCP only: retry with backoff after failures and lost connections
     * @param maxRetries     in reconnecting mode, consecutive retries before giving up (negative: never)
     */
    public Deferred<ClientSession> connect(boolean udp, String target, double timeoutSeconds, boolean reconnect, int maxRetries) {
        Address a;
        String desc;
        try {
            a = parseTarget(target, udp);
            if (!(timeoutSeconds > 0)) throw new IllegalArgumentException("timeout must be more than 0 s");
            desc = udp ? "udp:host=" + Endpoints.quoteStringArgument(a.host()) + ":port=" + a.port()
                       : "tcp:host=" + Endpoints.quoteStringArgument(a.host()) + ":port=" + a.port()
                         + ":timeout=" + String.format(Locale.ROOT, "%s", timeoutSeconds);
            Endpoints.parseClient(desc);
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
        ClientSession s = new ClientSession(next++, udp, a.host(), a.port(), reconnect && !udp);
        sessions.add(s);
        Deferred<ClientSession> result = new Deferred<>();
        result.setLabel("client tool #" + s.number() + " " + s.target());
        if (udp) {
            reactor.callFromThread(() -> connectUdp(s, desc, result));
        } else if (reconnect) {
            reactor.callFromThread(() -> connectReconnecting(s, timeoutSeconds, maxRetries, result));
        } else {
            reactor.callFromThread(() -> connectTcp(s, desc, result));
        }
        return result;
    }

    // ---------------------------------------------------------------- reactor thread

    private void connectTcp(ClientSession s, String desc, Deferred<ClientSession> result) {
        try {
            Deferred<Protocol> d = Endpoints.clientFromString(reactor, desc).connect(new Factory() {
                @Override
                public Protocol buildProtocol(Address addr) {
                    Protocol p = new SessionProtocol(s, null);
                    p.setFactory(this);
                    return p;
                }

                @Override
                public String logPrefix() { return "client-tool"; }
            });
            d.setLabel("client #" + s.number() + " connect " + s.target());
            d.addCallbacks(p -> {
                connected(s, p.getTransport(), result);
                return null;
            }, f -> {
                failed(s, f, result);
                return null;
            });
        } catch (RuntimeException e) {
            failed(s, Failure.of(e), result);
        }
    }

    private void connectReconnecting(ClientSession s, double timeout, int maxRetries, Deferred<ClientSession> result) {
        boolean[] reported = {false};
        ReconnectingClientFactory f = new ReconnectingClientFactory(reactor) {
            @Override
            public Protocol buildProtocol(Address addr) {
                ReconnectingClientFactory self = this;
                Protocol p = new SessionProtocol(s, this) {
                    @Override
                    public void connectionMade() {
                        resetDelay();
                        if (!reported[0]) {
                            reported[0] = true;
                            connected(s, getTransport(), result);
                        } else {
                            Transport t = getTransport();
                            fx.execute(() -> {
                                s.handle = new Reconnecting(self, t);
                                s.streamProperty().set(StreamKey.tcp(t.connectionId()));
                                s.set(ClientSession.State.CONNECTED, "reconnected (" + t.getHost().hostPort() + ")");
                            });
                        }
                    }
                };
                p.setFactory(this);
                return p;
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                super.clientConnectionFailed(connector, reason);
                retrying(s, this, "connect failed: " + reason.getErrorMessage());
            }

            @Override
            public void clientConnectionLost(Connector connector, Failure reason) {
                super.clientConnectionLost(connector, reason);
                retrying(s, this, "connection lost: " + reason.getErrorMessage());
            }

            @Override
            public String logPrefix() { return "client-tool"; }
        };
        f.setMaxRetries(maxRetries);
        fx.execute(() -> s.handle = new Reconnecting(f, null));
        try {
            reactor.connectTCP(s.host(), s.port(), f, timeout);
        } catch (RuntimeException e) {
            failed(s, Failure.of(e), result);
        }
    }

    private void retrying(ClientSession s, ReconnectingClientFactory f, String why) {
        boolean pending = f.pendingRetry() != null && f.pendingRetry().active();
        String text = pending ? String.format(Locale.ROOT, "%s; retry %d in %.1f s", why, f.getRetries(), f.getDelay())
                : f.isTrying() ? why + "; gave up after " + (f.getRetries() - 1) + " retries" : why + "; stopped";
        ClientSession.State st = pending ? ClientSession.State.RETRYING : ClientSession.State.FAILED;
        fx.execute(() -> s.set(st, text));
    }

    private void connectUdp(ClientSession s, String desc, Deferred<ClientSession> result) {
        DatagramProtocol proto = new DatagramProtocol() {
            @Override
            public void datagramReceived(byte[] data, Address from) {
                // The monitor captures it; nothing else to do.
            }

            @Override
            public void connectionRefused() {
                fx.execute(() -> s.set(ClientSession.State.CONNECTED, "peer refused (ICMP port unreachable)"));
            }

            @Override
            public void stopProtocol() {
                fx.execute(() -> s.set(ClientSession.State.CLOSED, "closed"));
            }

            @Override
            public String logPrefix() { return "client-tool"; }
        };
        try {
            Deferred<netmon.engine.protocol.ListeningPort> d = Endpoints.udpClientFromString(reactor, desc).connect(proto);
            d.setLabel("client #" + s.number() + " connect " + s.target());
            d.addCallbacks(port -> {
                DatagramTransport t = proto.getTransport();
                long lid = port.listenerId();
                String local = "local port " + port.getHost().port();
                fx.execute(() -> {
                    s.handle = t;
                    s.udpListenerId = lid;
                    s.streamProperty().set(StreamKey.udp(lid, new Address("UDP", s.host(), s.port()).hostPort()));
                    s.set(ClientSession.State.CONNECTED, "connected, " + local);
                    result.callback(s);
                });
                return null;
            }, f -> {
                failed(s, f, result);
                return null;
            });
        } catch (RuntimeException e) {
            failed(s, Failure.of(e), result);
        }
    }

    private void connected(ClientSession s, Transport t, Deferred<ClientSession> result) {
        long id = t.connectionId();
        String local = t.getHost().hostPort();
        fx.execute(() -> {
            if (s.handle instanceof Reconnecting r) s.handle = new Reconnecting(r.factory, t);
            else s.handle = t;
            s.streamProperty().set(StreamKey.tcp(id));
            s.set(ClientSession.State.CONNECTED, "connected from " + local);
            result.callback(s);
        });
    }

    private void failed(ClientSession s, Failure f, Deferred<ClientSession> result) {
        String why = f.getErrorMessage();
        fx.execute(() -> {
            if (s.stateProperty().get() != ClientSession.State.RETRYING) s.set(ClientSession.State.FAILED, "failed: " + why);
            if (!result.isCalled()) result.errback(f);
        });
    }

    /** The reactor-side state of a reconnecting session. */
    private record Reconnecting(ReconnectingClientFactory factory, Transport transport) {}

    /** A client protocol that reports its end to the session. */
    private class SessionProtocol extends Protocol {
        private final ClientSession s;
        private final ReconnectingClientFactory reconnecting;

        SessionProtocol(ClientSession s, ReconnectingClientFactory reconnecting) {
            this.s = s;
            this.reconnecting = reconnecting;
        }

        @Override
        public void connectionLost(Failure reason) {
            if (reconnecting != null && reconnecting.isTrying()) return; // the factory reports the retry
            String why = reason == null ? "closed" : "closed: " + reason.getErrorMessage();
            fx.execute(() -> s.set(ClientSession.State.CLOSED, why));
        }
    }

    // ---------------------------------------------------------------- FX thread

    /** Sends {@code data} on {@code s}; the Deferred fires (FX thread) once the bytes are handed to the transport. */
    public Deferred<Integer> send(ClientSession s, byte[] data) {
        Deferred<Integer> d = new Deferred<>();
        Object h = s.handle;
        Object target = h instanceof Reconnecting r ? r.transport : h;
        if (target == null || s.stateProperty().get() != ClientSession.State.CONNECTED) {
            d.errback(new IllegalStateException("session #" + s.number() + " is not connected"));
            return d;
        }
        byte[] copy = data.clone();
        reactor.callFromThread(() -> {
            try {
                if (target instanceof Transport t) t.write(ByteBuffer.wrap(copy));
                else ((DatagramTransport) target).write(copy, null);
                fx.execute(() -> d.callback(copy.length));
            } catch (RuntimeException e) {
                fx.execute(() -> d.errback(e));
            }
        });
        return d;
    }

    /** Closes {@code s} (TCP: loseConnection; reconnecting: stop trying first; UDP: stop listening). */
    public void disconnect(ClientSession s) {
        Object h = s.handle;
        reactor.callFromThread(() -> {
            if (h instanceof Reconnecting r) {
                r.factory.stopTrying();
                if (r.transport != null) r.transport.loseConnection();
            } else if (h instanceof Transport t) {
                t.loseConnection();
            } else if (h instanceof DatagramTransport t) {
                t.loseConnection();
            }
        });
        if (s.stateProperty().get() == ClientSession.State.RETRYING) s.set(ClientSession.State.CLOSED, "stopped trying");
    }

    /** Forgets closed and failed sessions. */
    public void clearEnded() {
        sessions.removeIf(s -> s.stateProperty().get() == ClientSession.State.CLOSED || s.stateProperty().get() == ClientSession.State.FAILED);
    }
}
