#!/usr/bin/env bash
# Engine throughput with the GUI attached (capture on, the GUI's default) against the headless server,
# in one compare.sh run: echo-throughput, echo-latency and chat-fanout, servers in alternation.
#   bench/gui-attached.sh BENCH_DIR [PROFILE] [ROUNDS]     e.g. bench/gui-attached.sh ../shared/bench quick 3
# Run from the repository root after `mvn -B -q -DskipTests package`. Starts its own Xvfb on a free
# display (needs xvfb), gives each GUI a throw-away settings folder, and stops Xvfb at the end.
# The GUI is started as `java ... -jar app/target/netmon.jar echo=tcp:0 chat=tcp:0 udp-echo=udp:0` (NETMON_JAR overrides the jar): it
# opens the window, starts those listeners, prints the contract's "listening" lines and exits 0 on
# SIGTERM, so the bench drives it exactly like `serve`. Each side gets its launcher's JVM options:
# the headless server bin/netmon-serve's (SERVE_OPTS), the window bin/netmon's, the JVM defaults (GUI_OPTS).
# More servers in the same run, alternating with the others:
#   BEFORE_JAR=path     "gui-before": that jar's window with GUI_OPTS (a before/after comparison)
#   GUI_OPTS_ALT="..."  "gui-alt": NETMON_JAR's window with these JVM options instead of GUI_OPTS
# SETTLE=N holds each window's "listening" lines back until N s after its listeners are up, so the jobs
# measure a window that has finished its start-up (JIT compilation of the first seconds) rather than a
# fresh JVM; run.sh waits at most 30 s for those lines, so keep N under about 20. The headless server
# starts as usual (it is warm within its own warm-up).
#   RENICE=N            "gui-nice": NETMON_JAR's window with GUI_OPTS whose window threads (thread names
#                       matching WINDOW_THREADS) are set to nice N from outside once its listeners are up;
#                       an experiment on the window's scheduling weight against the reactor's and the
#                       load generator's on one shared core (session 6: nice 10 cost echo-latency, helped
#                       chat fan-out; ui/README.md "Session 6")
#   CAPTURE=1           "headless-capture": the headless server with `serve --capture FILE` (the same
#                       capture as the window's, nothing drawn), to split the window's cost into the
#                       capture's and the rest
#   THREADS_DIR=path    every server's per-thread CPU (ticks of /proc/PID/task/*/stat) sampled once a
#                       second into path/LABEL-PID.tsv: "epoch tid nice utime stime comm" (split it per job
#                       with the run's jobs/*.json end times and run.properties' job.*.wall_s)
set -euo pipefail
B=${1:?bench folder}; PROFILE=${2:-quick}; ROUNDS=${3:-3}
SERVE_OPTS=${SERVE_OPTS:--XX:+UseSerialGC -Xms24m -Xmn8m}
GUI_OPTS=${GUI_OPTS:-}
JAR=${NETMON_JAR:-app/target/netmon.jar}
SETTLE=${SETTLE:-0}
display=""
for n in $(seq 77 120); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "error: no free X display" >&2; exit 1; }
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp > /dev/null 2>&1 &
xvfb=$!
work=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/gui" "$work/gui-before" "$work/gui-alt" "$work/gui-nice"
sleep 1

WINDOW_THREADS=${WINDOW_THREADS:-'^(JavaFX Applicat|QuantumRenderer|InvokeLaterDisp|Prism Font Disp|netmon-ui-clock|JavaFX-Launcher|gmain|dconf worker)$'}
[ -n "${THREADS_DIR:-}" ] && mkdir -p "$THREADS_DIR"
gui_prefix() { # SETTINGS_DIR JVM_OPTIONS JAR [NICE]
  local wrap="$work/wrap.sh $SETTLE ${4:-0} $(basename "$1")"
  echo "env DISPLAY=$display XDG_CONFIG_HOME=$1 WINDOW_THREADS='$WINDOW_THREADS' THREADS_DIR=${THREADS_DIR:-} $wrap java $2 -Dprism.order=sw -jar $3"
}
# Runs the window, keeps its stdout back until SETTLE s after the third "listening" line, then passes
# it on (at once when SETTLE is 0); with NICE other than 0 sets the window threads to that nice value
# when the listeners are up; with THREADS_DIR samples every thread's CPU once a second. SIGTERM is
# forwarded and the window's exit status returned, as run.sh expects of a server.
cat > "$work/wrap.sh" <<'EOF'
#!/usr/bin/env bash
s=$1; n=$2; tag=$3; shift 3
f=$(mktemp)
"$@" > "$f" &
p=$!
sampler=""
stop_sampler() { [ -n "$sampler" ] && { kill $sampler 2>/dev/null; wait $sampler 2>/dev/null; }; }
trap 'kill -TERM $p 2>/dev/null; wait $p; rc=$?; stop_sampler; rm -f "$f"; exit $rc' TERM INT
for _ in $(seq 300); do
  [ "$(grep -c '^listening' "$f")" -ge 3 ] && break
  kill -0 $p 2>/dev/null || break
  sleep 0.1
done
if [ "$n" != 0 ]; then
  for t in /proc/$p/task/*; do
    if grep -Eq "$WINDOW_THREADS" "$t/comm" 2>/dev/null; then
      renice -n "$n" -p "${t##*/}" > /dev/null 2>&1 || echo "renice ${t##*/} failed" >&2
    fi
  done
fi
if [ -n "$THREADS_DIR" ]; then
  # bash builtins only (read -t as the sleep), so stopping the sampler leaves no child behind
  ( out="$THREADS_DIR/$tag-$p.tsv"
    exec {idle}<> <(:)
    while kill -0 $p 2>/dev/null; do
      now=$EPOCHREALTIME
      for t in /proc/$p/task/*; do
        read -r st < "$t/stat" 2>/dev/null || continue
        read -r comm < "$t/comm" 2>/dev/null || continue
        set -- ${st##*) }
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$now" "${t##*/}" "${17}" "${12}" "${13}" "$comm"
      done >> "$out"
      read -r -t 1 -u $idle _
    done ) &
  sampler=$!
fi
[ "$s" != 0 ] && { sleep "$s" & wait $!; }
cat "$f"
wait $p
rc=$?
stop_sampler
rm -f "$f"
exit $rc
EOF
chmod +x "$work/wrap.sh"

headless_prefix() { # LABEL: with THREADS_DIR a headless server's threads are sampled too
  [ -n "${THREADS_DIR:-}" ] && echo "env WINDOW_THREADS=none THREADS_DIR=$THREADS_DIR $work/wrap.sh 0 0 $1 "
  return 0
}
servers=("headless::$(headless_prefix headless)java $SERVE_OPTS -jar $JAR serve")
[ -n "${CAPTURE:-}" ] && servers+=("headless-capture::$(headless_prefix headless-capture)java $SERVE_OPTS -jar $JAR serve --capture $work/capture.pcapng")
[ -n "${BEFORE_JAR:-}" ] && servers+=("gui-before::$(gui_prefix "$work/gui-before" "$GUI_OPTS" "$BEFORE_JAR")")
servers+=("gui::$(gui_prefix "$work/gui" "$GUI_OPTS" "$JAR")")
[ -n "${GUI_OPTS_ALT:-}" ] && servers+=("gui-alt::$(gui_prefix "$work/gui-alt" "$GUI_OPTS_ALT" "$JAR")")
[ -n "${RENICE:-}" ] && servers+=("gui-nice::$(gui_prefix "$work/gui-nice" "$GUI_OPTS" "$JAR" "$RENICE")")
ONLY=${ONLY:-echo-throughput,echo-latency,chat-fanout} "$B/compare.sh" -p "$PROFILE" -r "$ROUNDS" "${servers[@]}"
