#!/usr/bin/env bash
# Soak test (issue 8): mixed load from the shared bench's load generator, every mode at once, against
# the headless server for MINUTES (default 10); reports the server's RSS, descriptors and threads at
# the start, during, at the end of the load, and once idle again afterwards.
#
#   mvn -B -q -DskipTests package         # builds app/target/netmon.jar
#   scripts/soak.sh [MINUTES]
#
# Environment: LOADGEN=path/to/loadgen.jar (default /work/bench/loadgen/target/loadgen.jar, else
# ../shared/bench/...), SERVER='command prefix' (default: java -jar app/target/netmon.jar serve),
# OUT=dir (default target/soak-DATE). Only 127.0.0.1 is used. Exit status 0 when every load job
# reported ok, the server survived, and it exited 0 on SIGTERM.
set -uo pipefail
cd "$(dirname "$0")/.."

MINUTES=${1:-10}
SERVER=${SERVER:-java -jar app/target/netmon.jar serve}
LOADGEN=${LOADGEN:-}
for cand in "$LOADGEN" /work/bench/loadgen/target/loadgen.jar ../shared/bench/loadgen/target/loadgen.jar /work/shared/bench/loadgen/target/loadgen.jar; do
  if [ -n "$cand" ] && [ -f "$cand" ]; then LOADGEN=$cand; break; fi
done
[ -f "${LOADGEN:-}" ] || { echo "error: loadgen.jar not found (set LOADGEN=...)" >&2; exit 2; }
OUT=${OUT:-target/soak-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
LG=(java -Xmx256m -XX:+UseSerialGC -jar "$LOADGEN")

# ---- server ----------------------------------------------------------------------------------------
# shellcheck disable=SC2086
$SERVER echo=tcp:0 chat=tcp:0 udp-echo=udp:0 > "$OUT/server.stdout" 2> "$OUT/server.stderr" &
SPID=$!
declare -A ADDR
for _ in $(seq 1 300); do
  while read -r word name _proto addr; do
    [ "$word" = listening ] && ADDR[$name]=$addr
  done < "$OUT/server.stdout"
  [ -n "${ADDR[echo]:-}" ] && [ -n "${ADDR[chat]:-}" ] && [ -n "${ADDR[udp-echo]:-}" ] && break
  kill -0 "$SPID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "${ADDR[echo]:-}" ] || [ -z "${ADDR[chat]:-}" ] || [ -z "${ADDR[udp-echo]:-}" ]; then
  echo "error: the server did not print its three 'listening' lines; stderr:" >&2
  cat "$OUT/server.stderr" >&2
  kill "$SPID" 2>/dev/null
  exit 1
fi
# The JVM runs under the command's process; measure the java process itself.
MPID=$SPID
for c in $(ps -o pid= --ppid "$SPID" 2>/dev/null); do MPID=$c; done
port() { echo "${ADDR[$1]##*:}"; }

sample() { # label -> one line: label rss_kib fds threads
  local rss thr fds
  rss=$(awk '/^VmRSS:/{print $2}' "/proc/$MPID/status" 2>/dev/null)
  thr=$(awk '/^Threads:/{print $2}' "/proc/$MPID/status" 2>/dev/null)
  fds=$(ls "/proc/$MPID/fd" 2>/dev/null | wc -l)
  printf '%-8s %8s %6s %4s\n' "$1" "${rss:-?}" "$fds" "${thr:-?}"
}
echo "server pid $MPID; listening: echo=${ADDR[echo]} chat=${ADDR[chat]} udp-echo=${ADDR[udp-echo]}; results in $OUT"
printf '%-8s %8s %6s %4s\n' when rss_kib fds threads | tee "$OUT/samples.txt"
sample start | tee -a "$OUT/samples.txt"

# ---- load: every mode at once, each in a loop until the deadline --------------------------------
END=$(( $(date +%s) + MINUTES * 60 ))
loop() { # name service loadgen-args...
  local name=$1 svc=$2; shift 2
  local n=0
  while [ "$(date +%s)" -lt "$((END - 5))" ]; do
    n=$((n + 1))
    "${LG[@]}" "$@" --host 127.0.0.1 --port "$(port "$svc")" >> "$OUT/$name.jsonl" 2>> "$OUT/$name.err"
  done
}
LOOPS=()
loop echo-throughput echo echo-throughput --conns 4 --msg 16384 --depth 8 --warmup 1 --seconds 30 & LOOPS+=($!)
loop echo-latency echo echo-latency --conns 8 --msg 64 --warmup 1 --seconds 30 & LOOPS+=($!)
loop chat-fanout chat chat-fanout --clients 50 --senders 5 --msgs 4000 --warmup-msgs 500 --window 64 & LOOPS+=($!)
loop udp-echo udp-echo udp-echo --socks 4 --size 512 --window 16 --warmup 1 --seconds 30 & LOOPS+=($!)
loop idle-conns echo idle-conns --count 1000 --parallel 32 --idle 20 & LOOPS+=($!)
loop churn echo churn --conc 4 --warmup 1 --seconds 30 & LOOPS+=($!)

WARM=$(( $(date +%s) + 60 ))
while [ "$(date +%s)" -lt "$END" ]; do
  sleep 30
  kill -0 "$MPID" 2>/dev/null || { echo "error: the server died during the soak" >&2; break; }
  if [ "$(date +%s)" -ge "$WARM" ] && [ -z "${WARMED:-}" ]; then WARMED=1; sample warm | tee -a "$OUT/samples.txt"
  else sample load >> "$OUT/samples.txt"; fi
done
sample end | tee -a "$OUT/samples.txt"
wait "${LOOPS[@]}"   # the load loops only: the server runs on
sleep 5
sample idle | tee -a "$OUT/samples.txt"

# ---- verdict ------------------------------------------------------------------------------------
status=0
for f in "$OUT"/*.jsonl; do
  name=$(basename "$f" .jsonl)
  runs=$(grep -c '"ok"' "$f"); ok=$(grep -c '"ok":true' "$f")
  echo "$name: $ok of $runs runs ok"
  [ "$runs" -gt 0 ] && [ "$ok" -eq "$runs" ] || status=1
done
if kill -0 "$MPID" 2>/dev/null; then
  kill -TERM "$SPID"
  for _ in $(seq 1 100); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
  wait "$SPID"; rc=$?
  echo "server exit status after SIGTERM: $rc"
  [ "$rc" -eq 0 ] || status=1
else
  status=1
fi
echo "watchdog reports: $(grep -c 'blocked for' "$OUT/server.stderr")"
echo "results: $OUT"

exit $status
