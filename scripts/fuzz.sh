#!/usr/bin/env bash
# Fuzzes one Jazzer @FuzzTest for a fixed time (issue 8).
#
#   scripts/fuzz.sh TARGET SECONDS      e.g. scripts/fuzz.sh EndpointParserFuzzTest 300
#   scripts/fuzz.sh settings SECONDS    the settings loader (ui module)
#   scripts/fuzz.sh list                the targets
#
# TARGET is Class#method (or just Class when it has one fuzz test), from engine/src/test/java/netmon/engine/fuzz,
# or `settings` for ui's SettingsStoreFuzzTest (netmon/ui/settings). Without JAZZER_FUZZ, `mvn verify` runs the
# same tests in regression mode on the committed corpus (MODULE/src/test/resources/<package>/<Class>Inputs/<method>/).
# Here JAZZER_FUZZ=1 makes Jazzer mutate inputs for SECONDS; the inputs it finds interesting go to
# MODULE/.cifuzz-corpus/ (not committed), and a crashing input is written to the corpus directory above as
# crash-* so it becomes a regression test once committed. The last lines show libFuzzer's execution count.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(
  "EndpointParserFuzzTest#parseServerAndParseClientThrowOnlyEndpointParseException"
  "LineReceiverFuzzTest#lineReceiverGivesTheSameLinesWhateverTheChunking"
  "LineReceiverFuzzTest#lineOnlyReceiverGivesTheSameLinesWhateverTheChunking"
  "StringReceiverFuzzTest#int32StringReceiverGivesTheSameStringsWhateverTheChunking"
  "StringReceiverFuzzTest#netstringReceiverGivesTheSameStringsWhateverTheChunking"
  "ChatFuzzTest#everyLineReachesEveryConnectedClientAndNothingThrows"
  "settings"
)

if [[ "${1:-}" == "list" ]]; then
  printf '%s\n' "${TARGETS[@]}"
  exit 0
fi
if [[ $# -ne 2 || ! "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 TARGET SECONDS | $0 list" >&2
  exit 2
fi
target="$1"
seconds="$2"

module=(-pl engine)
if [[ "$target" == settings ]]; then
  target="SettingsStoreFuzzTest#loadNeverThrowsAndGivesStartableSettingsOrDefaultsWithTheFileKeptAside"
  # ui needs the engine's classes from this checkout (never `mvn install`): build them in the same reactor.
  module=(-pl ui -am)
fi

# libFuzzer takes the last -max_total_time it is given; ours comes after the @FuzzTest(maxDuration) one.
JAZZER_FUZZ=1 mvn -B "${module[@]}" test \
  -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.hooks=true \
  "-DargLine=-Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=error" \
  -Djazzer.internal.arg.0=fake_argv0 \
  -Djazzer.internal.arg.1=-max_total_time="$seconds" \
  2>&1 | tee "${FUZZ_LOG:-/dev/null}" | grep -E --line-buffered "Done [0-9]+ runs|DONE|pulse|==[0-9]+==|Tests run:|BUILD|ERROR|crash-" || true
