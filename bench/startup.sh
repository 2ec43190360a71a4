#!/usr/bin/env bash
# Time from JVM start to serve's first "listening" line (wall, and the JVM's CPU time until then), N runs,
# prints each and the medians (ms).
#   bench/startup.sh [N] [SERVER PREFIX...]      default: 15 runs of java -jar app/target/netmon.jar serve
# Run from the repository root. Each run: start the server with echo=tcp:0, read stdout until the
# "listening" line, SIGTERM it, wait for it to exit.
set -euo pipefail
N=${1:-15}
shift || true
if [ $# -eq 0 ]; then set -- java -jar app/target/netmon.jar serve; fi
times=()
cpus=()
for i in $(seq 1 "$N"); do
  fifo=$(mktemp -u); mkfifo "$fifo"
  t0=$(date +%s%N)
  "$@" echo=tcp:0 > "$fifo" 2>/dev/null &
  pid=$!
  line=""
  while IFS= read -r line; do
    case "$line" in listening*) break ;; esac
  done < "$fifo"
  t1=$(date +%s%N)
  # CPU the JVM used until then (all threads, user+system): steadier than wall time on a busy machine.
  read -r -a st < "/proc/$pid/stat" || st=()
  tck=$(getconf CLK_TCK)
  cpu=$(( ${#st[@]} > 14 ? (st[13] + st[14]) * 1000 / tck : -1 ))
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$fifo"
  ms=$(( (t1 - t0) / 1000000 ))
  times+=("$ms")
  cpus+=("$cpu")
  echo "run $i: ${ms} ms wall, ${cpu} ms cpu (${line})"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
csorted=($(printf '%s\n' "${cpus[@]}" | sort -n))
echo "median: ${sorted[$(( N / 2 ))]} ms wall (min ${sorted[0]}, max ${sorted[$(( N - 1 ))]}), ${csorted[$(( N / 2 ))]} ms cpu  (n=$N)"
