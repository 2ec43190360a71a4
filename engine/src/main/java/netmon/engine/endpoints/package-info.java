/**
 * Endpoints and Twisted's strports grammar: parse {@code tcp:7000:interface=127.0.0.1} or
 * {@code udp:7002} once (for validation without a reactor) and turn it into something that listens or
 * connects, returning Deferreds.
 */
package netmon.engine.endpoints;
