/** Protocols, factories and the transports they talk through: Twisted's {@code protocol.py} and {@code interfaces.py}. */
package netmon.engine.protocol;
