#!/usr/bin/env bash
# Training run for the installed window's class-data archive (AppCDS): starts LAUNCHER (the app-image's
# bin/netmon) with a throw-away settings folder, waits until the window is up with its inspectors, closes it
# with SIGTERM and leaves the list of classes it loaded in CLASSLIST. Run under a display (jpackage-linux.sh
# runs it under xvfb-run). The package's postinst turns the list into lib/app/netmon.jsa with the installed
# runtime (-Xshare:dump), which bin/netmon then maps at start instead of loading those classes one by one.
#
#   train-classlist.sh LAUNCHER CLASSLIST
set -euo pipefail
launcher=$1 classlist=$2
cfg=$(mktemp -d)
fifo=$(mktemp -u)
mkfifo "$fifo"
trap 'rm -rf "$cfg" "$fifo"' EXIT
XDG_CONFIG_HOME=$cfg JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$classlist -Dnetmon.startupTiming=true -Dprism.order=sw" \
    "$launcher" 2>"$fifo" >/dev/null &
pid=$!
up=no
while IFS= read -r line; do
    case "$line" in "startup: inspectors in scene"*) up=yes; break ;; esac
done <"$fifo"
# Let the inspectors' first pulses run too (their classes belong in the archive), then close the window.
sleep 2
cat "$fifo" >/dev/null &
kill -TERM "$pid" 2>/dev/null || true
status=0
wait "$pid" || status=$?
[ "$up" = yes ] || { echo "train-classlist: the window did not come up (exit $status)" >&2; exit 1; }
[ "$status" -eq 0 ] || { echo "train-classlist: the window exited with $status" >&2; exit 1; }
[ -s "$classlist" ] || { echo "train-classlist: no class list written" >&2; exit 1; }
