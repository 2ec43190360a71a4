#!/usr/bin/env bash
# Time from JVM start to the GUI's window on screen, N runs, each with a fresh settings folder; prints each
# run and the medians (ms).
#   bench/startup-gui.sh [N] [COMMAND...]      default: 5 runs of java -Dprism.order=sw -jar app/target/netmon.jar
# Run from the repository root, with DISPLAY set (e.g. under xvfb-run -a -s "-screen 0 1600x1000x24"). The
# command must honour -Dnetmon.startupTiming=true (given through JAVA_TOOL_OPTIONS, so an installed jpackage
# launcher works too): the window prints its "startup: ..." marks on stderr; "first frame" is the first frame on
# screen (painted, and its pixels uploaded to the window by the FX thread).
# "wall" is measured here from the fork, so it includes what the JVM did before its uptime clock began.
set -euo pipefail
N=${1:-5}
shift || true
if [ $# -eq 0 ]; then set -- java -Dprism.order=sw -jar app/target/netmon.jar; fi
: "${DISPLAY:?run under Xvfb, e.g. xvfb-run -a -s \"-screen 0 1600x1000x24\" $0}"
walls=()
shown=()
frames=()
for i in $(seq 1 "$N"); do
  cfg=$(mktemp -d)
  fifo=$(mktemp -u); mkfifo "$fifo"
  t0=$(date +%s%N)
  XDG_CONFIG_HOME="$cfg" JAVA_TOOL_OPTIONS="-Dnetmon.startupTiming=true ${JAVA_TOOL_OPTIONS:-}" "$@" 2> "$fifo" >/dev/null &
  pid=$!
  line="" show="-1" frame="-1" marks=""
  while IFS= read -r line; do
    case "$line" in
      "startup: window shown "*) show=${line#startup: window shown }; show=${show%% *} ;;
      "startup: first frame "[0-9]*) frame=${line#startup: first frame }; frame=${frame%% *}; break ;;
      startup:*) marks="$marks ${line#startup: }" ;;
    esac
  done < "$fifo"
  t1=$(date +%s%N)
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$fifo" "$cfg"
  ms=$(( (t1 - t0) / 1000000 ))
  walls+=("$ms"); shown+=("$show"); frames+=("$frame")
  echo "run $i: ${ms} ms wall, window shown ${show} ms, first frame ${frame} ms after JVM start;${marks}"
done
med() { local s=($(printf '%s\n' "$@" | sort -n)); echo "${s[$(( ${#s[@]} / 2 ))]} (min ${s[0]}, max ${s[$(( ${#s[@]} - 1 ))]})"; }
echo "median: wall $(med "${walls[@]}") ms, window shown $(med "${shown[@]}") ms, first frame $(med "${frames[@]}") ms  (n=$N)"
