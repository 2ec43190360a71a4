package netmon.engine.service;

import java.util.Objects;
import netmon.engine.defer.Deferred;
import netmon.engine.endpoints.ServerEndpoint;
import netmon.engine.protocol.Factory;
import netmon.engine.protocol.ListeningPort;

/** Listens on a stream {@link ServerEndpoint} with a {@link Factory} while running: Twisted's {@code StreamServerEndpointService}. */
public class StreamServerEndpointService extends ListeningService {
    private final ServerEndpoint endpoint;
    private final Factory factory;

    public StreamServerEndpointService(ServerEndpoint endpoint, Factory factory) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    protected Deferred<ListeningPort> listen() { return endpoint.listen(factory); }

    public ServerEndpoint getEndpoint() { return endpoint; }
    public Factory getFactory() { return factory; }
}
