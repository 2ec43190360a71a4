/** Time-based helpers over any {@link netmon.engine.reactor.ReactorTime}: Twisted's {@code task.py}. */
package netmon.engine.task;
