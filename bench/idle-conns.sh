#!/usr/bin/env bash
# N idle TCP connections on one echo listener, from several 127.0.0.x source addresses, every one
# checked still echoing; prints the server's RSS per connection. One JSON line per server.
#   bench/idle-conns.sh N SOURCES "SERVER PREFIX" ["SERVER PREFIX" ...]
#   e.g. bench/idle-conns.sh 19000 8 "java -XX:+UseSerialGC -Xms24m -Xmn8m -jar app/target/netmon.jar serve" \
#                                    "java -jar ../shared/bench/peers/netty/target/netty-peer.jar serve"
# Run from the repository root. Each prefix gets "echo=tcp:0" appended and must print the contract's
# "listening echo tcp ADDR:PORT". The per-process descriptor limit caps N (see BENCHMARKS.md): here
# `ulimit -Hn` is 20,000, so N stays below it for the server (N + its own descriptors) and the client.
set -euo pipefail
N=${1:?count}; SOURCES=${2:?sources}; shift 2
here=$(cd "$(dirname "$0")" && pwd)
ulimit -n "$(ulimit -Hn)"
for prefix in "$@"; do
  out=$(mktemp); fifo=$(mktemp -u); mkfifo "$fifo"
  $prefix echo=tcp:0 > "$fifo" 2>"$out.err" &
  pid=$!
  port=""
  while IFS= read -r line; do
    case "$line" in "listening echo tcp "*) port=${line##*:}; break ;; esac
  done < "$fifo"
  # keep draining the server's stdout so it never blocks on a full pipe
  cat "$fifo" > /dev/null &
  drain=$!
  sleep 2   # let the JVM settle before the baseline RSS sample
  json=$(java "$here/src/main/java/netmon/bench/IdleConnections.java" --port "$port" --count "$N" \
           --sources "$SOURCES" --server-pid "$pid" --idle 5)
  echo "{\"server\":\"$prefix\",\"result\":$json}"
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  kill "$drain" 2>/dev/null || true
  rm -f "$fifo" "$out" "$out.err"
done
