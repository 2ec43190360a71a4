/** The engine's exceptions, named as in Twisted's {@code twisted.internet.error}. */
package netmon.engine.error;
