/** Deferred, Failure and their combinators: Twisted's {@code defer.py}. */
package netmon.engine.defer;
