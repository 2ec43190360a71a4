/**
 * Framing protocols over a byte stream: lines ({@code LineReceiver}, {@code LineOnlyReceiver}),
 * length-prefixed strings ({@code Int32StringReceiver} and friends) and netstrings. Twisted's
 * {@code protocols/basic.py}.
 */
package netmon.engine.basic;
