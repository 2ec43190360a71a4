#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when missing (as root; otherwise it says what is missing).
set -euo pipefail
need=()
for pkg in openjdk-17-jdk-headless maven; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# JavaFX's GTK glass needs these for a real window (Xvfb runs for screenshot and install tests).
for pkg in xvfb xauth libgtk-3-0 libxtst6 fakeroot; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# The capture tests read the pcapng files back with tshark.
dpkg -s tshark >/dev/null 2>&1 || need+=(tshark)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    # tshark asks whether non-root users may capture; the tests only read files, so no.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing system packages (install as root): ${need[*]}" >&2
  fi
fi
