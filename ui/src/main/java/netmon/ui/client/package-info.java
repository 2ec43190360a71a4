/** The client tool: TCP, UDP and reconnecting sessions to any host:port, whose traffic shows in the inspector view. */
package netmon.ui.client;
