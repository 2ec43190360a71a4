package netmon.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import netmon.engine.defer.Deferred;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Service and MultiService (TWISTED-SEMANTICS item 110). */
@Timeout(10)
class ServiceTest {
    private final List<String> log = new ArrayList<>();

    /** Logs its starts and stops; its stop can be held open with a Deferred. */
    private final class Logged extends Service {
        Deferred<Void> stopResult;

        Logged(String name) { super(name); }

        @Override public void privilegedStartService() { log.add("privileged " + getName()); }
        @Override public void startService() { super.startService(); log.add("start " + getName()); }

        @Override
        public Deferred<Void> stopService() {
            super.stopService();
            log.add("stop " + getName());
            return stopResult != null ? stopResult : Deferred.succeed(null);
        }
    }

    private static boolean fired(Deferred<?> d) {
        boolean[] f = {false};
        d.addBoth(r -> {
            f[0] = true;
            return r;
        });
        return f[0];
    }

    @Test
    void startSetsRunningAndStopClearsIt() {
        Service s = new Service("s");
        assertFalse(s.isRunning());
        s.startService();
        assertTrue(s.isRunning());
        Deferred<Void> d = s.stopService();
        assertFalse(s.isRunning());
        assertTrue(fired(d));
    }

    @Test
    void setServiceParentAddsToParent() {
        MultiService parent = new MultiService();
        Service s = new Service("child");
        s.setServiceParent(parent);
        assertSame(parent, s.getParent());
        assertEquals(List.of(s), parent.services());
        assertSame(s, parent.getServiceNamed("child"));
        assertFalse(s.isRunning(), "a stopped parent does not start its child");
    }

    @Test
    void addingToARunningParentStartsTheChild() {
        MultiService parent = new MultiService();
        parent.startService();
        new Logged("late").setServiceParent(parent);
        assertEquals(List.of("privileged late", "start late"), log);
    }

    @Test
    void disownServiceParentRemovesAndStopsWhenRunning() {
        MultiService parent = new MultiService();
        Logged s = new Logged("a");
        s.setServiceParent(parent);
        parent.startService();
        Deferred<Void> d = s.disownServiceParent();
        assertNull(s.getParent());
        assertTrue(parent.services().isEmpty());
        assertThrows(NoSuchElementException.class, () -> parent.getServiceNamed("a"));
        assertEquals("stop a", log.get(log.size() - 1));
        assertFalse(s.isRunning());
        assertTrue(fired(d));
    }

    @Test
    void disownFromStoppedParentDoesNotStop() {
        MultiService parent = new MultiService();
        Logged s = new Logged("a");
        s.setServiceParent(parent);
        assertTrue(fired(s.disownServiceParent()));
        assertTrue(log.isEmpty());
    }

    @Test
    void setServiceParentLeavesTheOldParentFirst() {
        MultiService one = new MultiService();
        MultiService two = new MultiService();
        Service s = new Service("s");
        s.setServiceParent(one);
        s.setServiceParent(two);
        assertTrue(one.services().isEmpty());
        assertEquals(List.of(s), two.services());
    }

    @Test
    void setNameAfterParentIsAnIllegalStateException() {
        Service s = new Service("old");
        s.setName("renamed");
        s.setServiceParent(new MultiService());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.setName("new"));
        assertEquals("cannot rename service 'renamed' to 'new' while it has a parent", e.getMessage());
        assertEquals("renamed", s.getName());
    }

    @Test
    void duplicateNamesAreRejectedAndTheLoserHasNoParent() {
        MultiService parent = new MultiService();
        new Service("echo").setServiceParent(parent);
        Service dup = new Service("echo");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> dup.setServiceParent(parent));
        assertEquals("cannot add service: a service named 'echo' already exists", e.getMessage());
        assertNull(dup.getParent());
        assertEquals(1, parent.services().size());
    }

    @Test
    void unnamedServicesMayBeAddedTwice() {
        MultiService parent = new MultiService();
        new Service().setServiceParent(parent);
        new Service().setServiceParent(parent);
        assertEquals(2, parent.services().size());
    }

    @Test
    void multiServiceStartsChildrenInOrderAfterPrivilegedStart() {
        MultiService parent = new MultiService();
        for (String n : List.of("a", "b", "c")) new Logged(n).setServiceParent(parent);
        parent.privilegedStartService();
        parent.startService();
        assertEquals(List.of("privileged a", "privileged b", "privileged c", "start a", "start b", "start c"), log);
        assertTrue(parent.isRunning());
    }

    @Test
    void multiServiceStopsChildrenInReverseOrder() {
        MultiService parent = new MultiService();
        for (String n : List.of("a", "b", "c")) new Logged(n).setServiceParent(parent);
        parent.startService();
        log.clear();
        Deferred<Void> d = parent.stopService();
        assertEquals(List.of("stop c", "stop b", "stop a"), log);
        assertFalse(parent.isRunning());
        assertTrue(fired(d));
    }

    @Test
    void multiServiceStopWaitsForEveryChildsStop() {
        MultiService parent = new MultiService();
        Logged a = new Logged("a");
        Logged b = new Logged("b");
        a.stopResult = new Deferred<>();
        b.stopResult = new Deferred<>();
        a.setServiceParent(parent);
        b.setServiceParent(parent);
        parent.startService();
        Deferred<Void> d = parent.stopService();
        assertEquals(List.of("start a", "start b", "stop b", "stop a"), log, "all children are asked to stop at once");
        assertFalse(fired(d));
        a.stopResult.callback(null);
        assertFalse(fired(d));
        b.stopResult.callback(null);
        assertTrue(fired(d));
    }

    @Test
    void aChildFailingToStopDoesNotKeepTheOthersFromStopping() {
        MultiService parent = new MultiService();
        Service bad = new Service("bad") {
            @Override public Deferred<Void> stopService() { throw new IllegalStateException("stuck"); }
        };
        Logged good = new Logged("good");
        Logged failing = new Logged("failing");
        failing.stopResult = Deferred.fail(new RuntimeException("port close failed"));
        good.setServiceParent(parent);
        bad.setServiceParent(parent);
        failing.setServiceParent(parent);
        parent.startService();
        Deferred<Void> d = parent.stopService();
        assertTrue(log.contains("stop good"));
        List<Object> result = new ArrayList<>();
        d.addBoth(r -> {
            result.add(r == null ? "ok" : r);
            return null;
        });
        assertEquals(List.of("ok"), result, "the combined stop fires normally, like a DeferredList");
    }

    @Test
    void multiServiceCanBeNested() {
        MultiService root = new MultiService("root");
        MultiService mid = new MultiService("mid");
        mid.setServiceParent(root);
        new Logged("leaf").setServiceParent(mid);
        root.startService();
        assertTrue(mid.isRunning());
        root.stopService();
        assertEquals(List.of("start leaf", "stop leaf"), log);
    }

    @Test
    void removingAServiceThatIsNotAChildIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MultiService().removeService(new Service("x")));
    }
}
