/** The built-in services of the headless contract: {@code echo}, {@code chat} and {@code udp-echo}. */
package netmon.engine.builtin;
