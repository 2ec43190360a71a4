#!/usr/bin/env bash
# Where a server's CPU goes during one load-generator job: Linux perf (cpu-clock, call graphs, user AND
# kernel frames) on the server, JIT frames named through the JVM's perf map, user/system split from /proc.
#   bench/perf-profile.sh OUTDIR SERVICE "LOADGEN MODE AND OPTIONS" SERVER PREFIX...
#   e.g. bench/perf-profile.sh /tmp/p echo "echo-latency --conns 1 --msg 64 --warmup 2 --seconds 10" \
#          java -XX:+PreserveFramePointer -XX:+UseSerialGC -Xms24m -Xmn8m -jar app/target/netmon.jar serve
# Needs perf (kernel frames need perf_event_paranoid <= 1 or root) and LOADGEN (default
# /work/bench/loadgen/target/loadgen.jar). Server and generator are pinned to one core (CPU, default 1) as
# with the bench's PIN=shared. -XX:+PreserveFramePointer lets perf walk JIT frames. Timing: run it under
# the machine's measurement lock like any benchmark. Then read, e.g.:
#   perf report -i OUTDIR/perf.data --no-children --sort dso -g none --stdio     (kernel vs JIT vs libs)
#   perf report -i OUTDIR/perf.data --no-children --sort sym -g none --stdio
set -euo pipefail
OUT=$1; SVC=$2; JOB=$3; shift 3
LOADGEN=${LOADGEN:-/work/bench/loadgen/target/loadgen.jar}
CPU=${CPU:-1}
mkdir -p "$OUT"
taskset -c "$CPU" "$@" echo=tcp:0 chat=tcp:0 udp-echo=udp:0 > "$OUT/server.out" 2> "$OUT/server.err" &
sp=$!
for _ in $(seq 100); do grep -q "listening udp-echo" "$OUT/server.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep "listening $SVC " "$OUT/server.out" | sed 's/.*://')
[ -n "$port" ] || { echo "error: no $SVC listener" >&2; kill "$sp"; exit 2; }
# shellcheck disable=SC2086
taskset -c "$CPU" java -XX:+UseSerialGC -Xms256m -jar "$LOADGEN" $JOB --host 127.0.0.1 --port "$port" \
  --server-pid "$sp" > "$OUT/job.json" 2> "$OUT/job.err" &
lp=$!
sleep 4 # past the generator's warm-up
read -r -a a < "/proc/$sp/stat"
perf record -e cpu-clock -F 2000 -g -p "$sp" -o "$OUT/perf.data" -- sleep 4 > "$OUT/perf.log" 2>&1
read -r -a b < "/proc/$sp/stat"
jcmd "$sp" Compiler.perfmap > /dev/null 2>&1 || echo "warning: no perf map (JIT frames unnamed)" >&2
wait "$lp" || true
kill -TERM "$sp"; wait "$sp" || true
echo "server ticks over the 4 s profile: user $((b[13] - a[13])), system $((b[14] - a[14]))"
cat "$OUT/job.json"
perf report -i "$OUT/perf.data" --no-children --sort dso -g none --stdio 2>/dev/null | grep '%' | head -8
