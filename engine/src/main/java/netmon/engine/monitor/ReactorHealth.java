package netmon.engine.monitor;

/**
 * A sample of the reactor's health.
 *
 * @param loopLagMillis     how long the last health tick, handed to the loop by the watchdog thread, waited
 *                          for it (a blocked or busy loop shows here)
 * @param maxLoopLagMillis  the worst lag since the previous sample
 * @param pendingDelayedCalls delayed calls scheduled and not yet run
 * @param openConnections   TCP connections open now
 * @param openListeners     listeners bound now
 * @param iterations        loop iterations since the previous sample
 * @param events            monitor-worthy I/O events (reads, writes, accepts, datagrams) since the previous sample
 * @param intervalMillis    the time the sample covers
 */
public record ReactorHealth(double loopLagMillis, double maxLoopLagMillis, int pendingDelayedCalls, int openConnections,
                            int openListeners, long iterations, long events, long intervalMillis) {}
