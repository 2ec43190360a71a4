package netmon.engine.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netmon.engine.defer.Deferred;
import netmon.engine.defer.Failure;

/**
 * Waits for several Deferreds, like a DeferredList that never errbacks: the result holds each one's
 * value or {@link Failure}, in the order given. The failures are consumed: the caller sees them in
 * the list.
 */
final class Gather {
    private Gather() {}

    static Deferred<List<Object>> all(List<? extends Deferred<?>> deferreds) {
        Deferred<List<Object>> done = new Deferred<>();
        Object[] results = new Object[deferreds.size()];
        int[] remaining = {deferreds.size()};
        if (remaining[0] == 0) {
            done.callback(new ArrayList<>());
            return done;
        }
        for (int i = 0; i < deferreds.size(); i++) {
            int index = i;
            deferreds.get(i).addBoth(r -> {
                results[index] = r;
                if (--remaining[0] == 0) done.callback(new ArrayList<>(Arrays.asList(results)));
                return null;
            });
        }
        return done;
    }
}
