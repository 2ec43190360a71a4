/**
 * The NIO machinery behind {@link netmon.engine.reactor.SelectReactor}: TCP connections, listening ports,
 * connectors and UDP ports. Not API: public only so the reactor package can reach it.
 */
package netmon.engine.reactor.internal;
