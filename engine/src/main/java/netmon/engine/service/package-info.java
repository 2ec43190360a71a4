/**
 * Twisted's {@code application.service} for netmon: {@link netmon.engine.service.Service} and
 * {@link netmon.engine.service.MultiService} to start and stop things together, the listening services
 * built on endpoints, and {@link netmon.engine.service.BuiltinServer}, which the app and the GUI use to
 * run echo, chat and udp-echo.
 */
package netmon.engine.service;
