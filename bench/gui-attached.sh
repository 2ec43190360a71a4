#!/usr/bin/env bash
# Engine throughput with the GUI attached (capture on, the GUI's default) against the headless server,
# in one compare.sh run: echo-throughput, echo-latency and chat-fanout, servers in alternation.
#   bench/gui-attached.sh BENCH_DIR [PROFILE] [ROUNDS]     e.g. bench/gui-attached.sh ../shared/bench quick 3
# Run from the repository root after `mvn -B -q -DskipTests package`. Starts its own Xvfb on a free
# display (needs xvfb), gives the GUI a throw-away settings folder, and stops Xvfb at the end.
# The GUI is started as `java ... -jar app/target/netmon.jar echo=tcp:0 chat=tcp:0 udp-echo=udp:0` (NETMON_JAR overrides the jar): it
# opens the window, starts those listeners, prints the contract's "listening" lines and exits 0 on
# SIGTERM, so the bench drives it exactly like `serve`. Each side gets its launcher's JVM options:
# the headless server bin/netmon-serve's (SERVE_OPTS), the window bin/netmon's, the JVM defaults (GUI_OPTS).
set -euo pipefail
B=${1:?bench folder}; PROFILE=${2:-quick}; ROUNDS=${3:-3}
SERVE_OPTS=${SERVE_OPTS:--XX:+UseSerialGC -Xms24m -Xmn8m}
GUI_OPTS=${GUI_OPTS:-}
display=""
for n in $(seq 77 120); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "error: no free X display" >&2; exit 1; }
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp > /dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$cfg"' EXIT
cfg=$(mktemp -d)
sleep 1
ONLY=${ONLY:-echo-throughput,echo-latency,chat-fanout} "$B/compare.sh" -p "$PROFILE" -r "$ROUNDS" \
  "headless::java $SERVE_OPTS -jar ${NETMON_JAR:-app/target/netmon.jar} serve" \
  "gui::env DISPLAY=$display XDG_CONFIG_HOME=$cfg java $GUI_OPTS -Dprism.order=sw -jar ${NETMON_JAR:-app/target/netmon.jar}"
