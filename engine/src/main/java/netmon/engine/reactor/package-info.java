/** The reactor: Twisted's {@code IReactorCore}, {@code IReactorTime}, {@code IReactorTCP}, {@code IReactorUDP}, {@code IReactorThreads}. */
package netmon.engine.reactor;
