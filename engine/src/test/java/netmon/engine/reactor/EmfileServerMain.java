package netmon.engine.reactor;

import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;

/** An echo server run in a child JVM with a tiny descriptor limit by {@link AcceptUnderEmfileTest}. */
public final class EmfileServerMain {
    private EmfileServerMain() {}

    public static void main(String[] args) {
        SelectReactor r = new SelectReactor();
        ListeningPort p = r.listenTCP(0, Factory.forProtocol(ReactorFixture.Echo::new), 200, "127.0.0.1");
        System.out.println("port " + p.getHost().port());
        System.out.flush();
        r.run();
    }
}
