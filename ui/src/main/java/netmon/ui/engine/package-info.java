/** The UI's commands to the engine: crossing into the reactor with callFromThread, results back as Deferreds on the FX thread. */
package netmon.ui.engine;
