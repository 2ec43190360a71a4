package netmon.engine.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.DeferredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service made of child services: Twisted's {@code MultiService}. Children start in the order they
 * were added and stop in reverse order; names are unique among the children. Reactor thread.
 */
public class MultiService extends Service {
    private static final Logger log = LoggerFactory.getLogger(MultiService.class);

    private final List<Service> services = new ArrayList<>();
    private final Map<String, Service> namedServices = new LinkedHashMap<>();

    public MultiService() {}

    public MultiService(String name) { super(name); }

    /**
     * Adds a child; if this service is running the child is started at once. Prefer
     * {@link Service#setServiceParent}, which also sets the child's parent.
     *
     * @throws IllegalStateException if a child with the same name exists
     */
    public void addService(Service service) {
        String name = service.getName();
        if (name != null) {
            if (namedServices.containsKey(name)) {
                throw new IllegalStateException("cannot add service: a service named '" + name + "' already exists");
            }
            namedServices.put(name, service);
        }
        services.add(service);
        if (isRunning()) {
            service.privilegedStartService();
            service.startService();
        }
    }

    /** Removes a child; if this service is running the child is stopped and the Deferred is that stop. */
    public Deferred<Void> removeService(Service service) {
        if (!services.remove(service)) {
            throw new IllegalArgumentException("not a child of " + this + ": " + service);
        }
        if (service.getName() != null) namedServices.remove(service.getName());
        return isRunning() ? stopChild(service) : Deferred.succeed(null);
    }

    /** The child named {@code name}. @throws NoSuchElementException if there is none */
    public Service getServiceNamed(String name) {
        Service s = namedServices.get(name);
        if (s == null) throw new NoSuchElementException("no service named '" + name + "'");
        return s;
    }

    /** The children in the order they were added. */
    public List<Service> services() { return Collections.unmodifiableList(services); }

    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        for (Service s : new ArrayList<>(services)) s.privilegedStartService();
    }

    @Override
    public void startService() {
        super.startService();
        for (Service s : new ArrayList<>(services)) s.startService();
    }

    /**
     * Stops the children in reverse order, without waiting for one before stopping the next (as
     * Twisted does). Fires once every child's stop has fired; a child's failure is logged, never
     * propagated, so one broken child cannot keep the others from being reported stopped.
     */
    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        List<Service> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        List<Deferred<Void>> stops = new ArrayList<>();
        for (Service s : reversed) stops.add(stopChild(s));
        Deferred<Void> done = new Deferred<Void>().setLabel("stop " + (getName() == null ? "services" : getName()));
        new DeferredList<>(stops, false, true).addCallback(results -> {
            done.callback(null);
            return null;
        });
        return done;
    }

    /** Twisted's {@code maybeDeferred(service.stopService)}: a throw or a null becomes a Deferred. */
    private static Deferred<Void> stopChild(Service s) {
        Deferred<Void> d;
        try {
            d = s.stopService();
        } catch (RuntimeException e) {
            d = Deferred.fail(e);
        }
        if (d == null) d = Deferred.succeed(null);
        return d.addErrback(f -> {
            log.error("service {} failed to stop: {}", s, f.getErrorMessage(), f.getValue());
            return f;
        });
    }
}
