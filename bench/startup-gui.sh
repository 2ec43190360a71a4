#!/usr/bin/env bash
# Time from JVM start to the GUI's window on screen, each run with a fresh settings folder; prints each run
# and the medians (ms).
#   bench/startup-gui.sh [N] [COMMAND...]
#       N runs of one command; default: 5 runs of java -Dprism.order=sw -jar app/target/netmon.jar
#   bench/startup-gui.sh -a ROUNDS N 'COMMAND A' 'COMMAND B' ...
#       variants alternating: each round runs N of A, then N of B, ...; per-round and overall medians per
#       variant. Each COMMAND is one shell word list (split on spaces, no quoting inside), e.g.
#       'installer/target/app-image/netmon/bin/netmon' 'java -Dprism.order=sw -jar app/target/netmon.jar'
# Run from the repository root, with DISPLAY set (e.g. under xvfb-run -a -s "-screen 0 1600x1000x24"), and under
# the measuring lock (flock /tmp/netmon-measure.lock ...). The command must honour -Dnetmon.startupTiming=true
# (given through JAVA_TOOL_OPTIONS, so an installed jpackage launcher works too): the window prints its
# "startup: ..." marks on stderr; "first frame" is the first frame on screen (painted, and its pixels uploaded
# to the window by the FX thread). A jpackage launcher uses the software pipeline only if told: give it
# JAVA_TOOL_OPTIONS=-Dprism.order=sw (this script adds it to every run, so all variants render alike).
# "wall" is measured here from the fork, so it includes what the JVM did before its uptime clock began.
# "cpu" is the process's user+system CPU time (all threads) when the first frame arrives.
set -euo pipefail
: "${DISPLAY:?run under Xvfb, e.g. xvfb-run -a -s \"-screen 0 1600x1000x24\" $0}"
tick=$(getconf CLK_TCK)
pid=""
trap '[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; true' EXIT

# run_once COMMAND...: one start, sets r_wall r_frame r_cpu r_marks
run_once() {
  local cfg fifo t0 t1 line show=-1 frame=-1 marks="" cpu=-1 stat
  cfg=$(mktemp -d)
  fifo=$(mktemp -u); mkfifo "$fifo"
  t0=$(date +%s%N)
  XDG_CONFIG_HOME="$cfg" JAVA_TOOL_OPTIONS="-Dnetmon.startupTiming=true -Dprism.order=sw ${JAVA_TOOL_OPTIONS:-}" \
    "$@" 2> "$fifo" >/dev/null &
  pid=$!
  while IFS= read -r line; do
    case "$line" in
      "startup: window shown "*) show=${line#startup: window shown }; show=${show%% *} ;;
      "startup: first frame "[0-9]*)
        frame=${line#startup: first frame }; frame=${frame%% *}
        if stat=$(cat "/proc/$pid/stat" 2>/dev/null); then
          stat=${stat##*) }; set -- $stat   # fields from 3 on: utime is 14th overall, 12th here
          cpu=$(( (${12} + ${13}) * 1000 / tick ))
        fi
        break ;;
      startup:*) marks="$marks ${line#startup: }" ;;
    esac
  done < "$fifo"
  t1=$(date +%s%N)
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
  rm -rf "$fifo" "$cfg"
  r_wall=$(( (t1 - t0) / 1000000 )); r_show=$show; r_frame=$frame; r_cpu=$cpu; r_marks=$marks
}

med() { local s=($(printf '%s\n' "$@" | sort -n)); echo "${s[$(( ${#s[@]} / 2 ))]} (min ${s[0]}, max ${s[$(( ${#s[@]} - 1 ))]})"; }

if [ "${1:-}" = "-a" ]; then
  rounds=$2 n=$3; shift 3
  variants=("$@")
  [ ${#variants[@]} -ge 1 ] || { echo "usage: $0 -a ROUNDS N 'COMMAND A' ['COMMAND B' ...]" >&2; exit 2; }
  declare -A all
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  for r in $(seq 1 "$rounds"); do
    for v in "${!variants[@]}"; do
      frames=() cpus=() walls=()
      for i in $(seq 1 "$n"); do
        # shellcheck disable=SC2086  # a variant is a plain word list
        run_once ${variants[$v]}
        frames+=("$r_frame"); cpus+=("$r_cpu"); walls+=("$r_wall")
        all[$v]="${all[$v]:-} $r_frame"
        all[wall$v]="${all[wall$v]:-} $r_wall"
        all[cpu$v]="${all[cpu$v]:-} $r_cpu"
        echo "round $r variant $v run $i: first frame $r_frame ms, wall $r_wall ms, cpu $r_cpu ms;$r_marks"
      done
      echo "round $r variant $v median: first frame $(med "${frames[@]}") ms, wall $(med "${walls[@]}") ms, cpu $(med "${cpus[@]}") ms  [${variants[$v]}]"
    done
    echo "load after round $r: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
  for v in "${!variants[@]}"; do
    echo "overall variant $v (n=$(( rounds * n ))): first frame $(med ${all[$v]}) ms, wall $(med ${all[wall$v]}) ms, cpu $(med ${all[cpu$v]}) ms  [${variants[$v]}]"
  done
  exit 0
fi

N=${1:-5}
shift || true
if [ $# -eq 0 ]; then set -- java -Dprism.order=sw -jar app/target/netmon.jar; fi
walls=() shown=() frames=() cpus=()
for i in $(seq 1 "$N"); do
  run_once "$@"
  walls+=("$r_wall"); shown+=("$r_show"); frames+=("$r_frame"); cpus+=("$r_cpu")
  echo "run $i: ${r_wall} ms wall, window shown ${r_show} ms, first frame ${r_frame} ms after JVM start, cpu ${r_cpu} ms;${r_marks}"
done
echo "median: wall $(med "${walls[@]}") ms, window shown $(med "${shown[@]}") ms, first frame $(med "${frames[@]}") ms, cpu $(med "${cpus[@]}") ms  (n=$N)"
