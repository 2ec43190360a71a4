package netmon.engine.service;

import netmon.engine.defer.Deferred;

/**
 * Something that starts and stops: Twisted's {@code Service}. A service may have a name (unique among
 * its parent's children) and a parent {@link MultiService}; adding it to a running parent starts it.
 * Subclasses override {@link #startService()} and {@link #stopService()} and call super. Reactor thread.
 */
public class Service {
    private String name;
    private MultiService parent;
    private boolean running;

    /** An unnamed service. */
    public Service() {}

    /** A service named {@code name}. */
    public Service(String name) { this.name = name; }

    /** The name, or null. */
    public String getName() { return name; }

    /**
     * Names this service. Only before it has a parent, since the parent indexes its children by name.
     *
     * @throws IllegalStateException if the service already has a parent
     */
    public void setName(String name) {
        if (parent != null) {
            throw new IllegalStateException("cannot rename service '" + this.name + "' to '" + name + "' while it has a parent");
        }
        this.name = name;
    }

    /** The parent, or null. */
    public MultiService getParent() { return parent; }

    /** True between {@link #startService()} and {@link #stopService()}. */
    public boolean isRunning() { return running; }

    /**
     * Adds this service to {@code newParent}, leaving its old parent first; starts it if the new parent
     * is running.
     *
     * @throws IllegalStateException if {@code newParent} already has a child with this name
     */
    public void setServiceParent(MultiService newParent) {
        if (parent != null) disownServiceParent();
        parent = newParent;
        try {
            newParent.addService(this);
        } catch (RuntimeException e) {
            parent = null;
            throw e;
        }
    }

    /** Leaves the parent; returns what the parent's {@link MultiService#removeService} returns (the stop, if it was running). */
    public Deferred<Void> disownServiceParent() {
        if (parent == null) return Deferred.succeed(null);
        MultiService p = parent;
        parent = null;
        return p.removeService(this);
    }

    /** The part of starting that needs privileges (binding low ports); runs before {@link #startService()}. */
    public void privilegedStartService() {}

    /** Starts the service; sets {@link #isRunning()}. */
    public void startService() { running = true; }

    /** Stops the service; clears {@link #isRunning()}. The Deferred fires when it has fully stopped. */
    public Deferred<Void> stopService() {
        running = false;
        return Deferred.succeed(null);
    }

    /** Clears the running flag for subclasses whose stop completes later. */
    protected final void markStopped() { running = false; }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + (name == null ? "unnamed" : name) + (running ? ", running" : "") + ")";
    }
}
