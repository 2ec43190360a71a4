#!/usr/bin/env bash
# The test command: every module's unit tests, then the end-to-end tests against the built jar.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
exec mvn -B verify "$@"
