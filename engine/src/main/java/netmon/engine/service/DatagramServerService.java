package netmon.engine.service;

import java.util.Objects;
import netmon.engine.defer.Deferred;
import netmon.engine.endpoints.DatagramServerEndpoint;
import netmon.engine.protocol.DatagramProtocol;
import netmon.engine.protocol.ListeningPort;

/** Binds a {@link DatagramServerEndpoint} with a {@link DatagramProtocol} while running: the UDP twin of {@link StreamServerEndpointService}. */
public class DatagramServerService extends ListeningService {
    private final DatagramServerEndpoint endpoint;
    private final DatagramProtocol protocol;

    public DatagramServerService(DatagramServerEndpoint endpoint, DatagramProtocol protocol) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    protected Deferred<ListeningPort> listen() { return endpoint.listen(protocol); }

    public DatagramServerEndpoint getEndpoint() { return endpoint; }
    public DatagramProtocol getProtocol() { return protocol; }
}
