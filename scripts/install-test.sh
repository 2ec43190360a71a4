#!/usr/bin/env bash
# End-to-end test of the Linux package (issue 6): builds the .deb, installs it with apt-get, starts
# the installed `netmon` under Xvfb and checks its window comes up (screenshot saved), runs
# `netmon serve echo=tcp:0` from the installed launcher and checks an echo comes back, then removes
# the package and checks nothing is left behind.
#
# Run as root on Debian/Ubuntu, from anywhere:   bash scripts/install-test.sh
# It takes several minutes (jpackage compresses an 80 MB image), so CI does not run it; see README.
#   NETMON_SKIP_BUILD=1   reuse installer/target/netmon_*.deb instead of building it
#   NETMON_DEB=FILE       test this .deb instead (implies NETMON_SKIP_BUILD=1)
#   NETMON_KEEP_INSTALLED=1  on failure, leave the package installed for a look
# Evidence (screenshot, icons at 16 and 256 px, logs) goes to installer/target/install-test/.
# Exit status: 0 all checks passed; 1 a check failed; 3 the installed app or its GUI is still a stub
# (what could be checked was; the summary says what was not).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/installer/target/install-test

say() { echo "[install-test] $*"; }
fail() { echo "[install-test] FAIL: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (it installs and removes a package)"

# --- tools -------------------------------------------------------------------------------------
need=()
for pkg in xvfb xauth x11-utils imagemagick fakeroot dpkg-dev desktop-file-utils; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
magick=/usr/bin/convert    # ImageMagick's; another "convert" may come first on PATH
import=/usr/bin/import

# --- build -------------------------------------------------------------------------------------
if [ "${NETMON_SKIP_BUILD:-}" != 1 ] && [ -z "${NETMON_DEB:-}" ]; then
    say "building the .deb (mvn -B -q -DskipTests -Pinstaller package)"
    mvn -B -q -DskipTests -Pinstaller package
fi
deb=${NETMON_DEB:-$(ls "$root"/installer/target/netmon_*.deb 2>/dev/null | head -n1)}
[ -n "$deb" ] && [ -f "$deb" ] || fail "no .deb to test (installer/target/netmon_*.deb)"
deb=$(readlink -f "$deb")
image_dir=$(dirname "$deb")/app-image/netmon
rm -rf "$out"; mkdir -p "$out"

# --- install -----------------------------------------------------------------------------------
xvfb_pid= app_pid= serve_pid= installed= home=
cleanup() {
    set +e
    for pid in $serve_pid $app_pid; do kill "$pid" 2>/dev/null; done
    sleep 1
    for pid in $serve_pid $app_pid $xvfb_pid; do kill -9 "$pid" 2>/dev/null; done
    # Leave the machine as we found it when a check fails half-way.
    if [ -n "$installed" ] && [ "${NETMON_KEEP_INSTALLED:-}" != 1 ]; then
        apt-get remove -y -qq netmon >/dev/null 2>&1
    fi
    [ -n "$home" ] && rm -rf "$home"
}
trap cleanup EXIT

package_state() { dpkg-query -W -f '${db:Status-Status}' netmon 2>/dev/null || true; }
case "$(package_state)" in
    ""|not-installed) ;;
    *) say "purging a netmon package left from before this test"
       apt-get purge -y -qq netmon >/dev/null ;;
esac
say "installing $deb"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq "$deb" >"$out/apt-install.log" 2>&1; then
    apt-get update -qq && apt-get install -y -qq "$deb" >"$out/apt-install.log" 2>&1 \
        || { cat "$out/apt-install.log" >&2; fail "apt-get install $deb"; }
fi
installed=1
[ "$(dpkg-query -W -f '${Status}' netmon)" = "install ok installed" ] || fail "dpkg does not list netmon as installed"

# --- what the package put on the machine -------------------------------------------------------
[ -x /opt/netmon/bin/netmon ] || fail "/opt/netmon/bin/netmon missing"
[ "$(command -v netmon)" = /usr/bin/netmon ] || fail "netmon is not on the PATH as /usr/bin/netmon"
[ "$(readlink -f /usr/bin/netmon)" = /opt/netmon/bin/netmon ] || fail "/usr/bin/netmon does not lead to /opt/netmon/bin/netmon"
desktop=/usr/share/applications/netmon.desktop
[ -f "$desktop" ] || fail "$desktop missing"
desktop-file-validate "$desktop" || fail "$desktop is not a valid desktop entry"
grep -qx 'Name=netmon' "$desktop" || fail "$desktop: no Name=netmon"
grep -q '^Comment=.' "$desktop" || fail "$desktop: no Comment"
grep -qx 'Icon=netmon' "$desktop" || fail "$desktop: no Icon=netmon"
grep -qx 'Categories=Network;Monitor;' "$desktop" || fail "$desktop: categories are not Network;Monitor;"
for size in 16 24 32 48 64 128 256 512; do
    icon=/usr/share/icons/hicolor/${size}x${size}/apps/netmon.png
    [ -f "$icon" ] || fail "$icon missing"
    [ "$(identify -format '%wx%h' "$icon")" = "${size}x${size}" ] || fail "$icon is not ${size}x${size}"
done
"$magick" /usr/share/icons/hicolor/16x16/apps/netmon.png -filter point -resize 800% "$out/icon-16-at-800pct.png"
cp /usr/share/icons/hicolor/16x16/apps/netmon.png "$out/icon-16.png"
cp /usr/share/icons/hicolor/256x256/apps/netmon.png "$out/icon-256.png"
say "launcher, desktop entry and icons in place"

deb_size=$(du -h "$deb" | cut -f1)
image_size=$(du -sh "$image_dir" 2>/dev/null | cut -f1 || echo "?")
installed_kib=$(dpkg-query -W -f '${Installed-Size}' netmon)
on_disk=$(du -sh /opt/netmon | cut -f1)

# A clean HOME: JavaFX unpacks its natives into ~/.openjfx, settings land there too.
home=$(mktemp -d /tmp/netmon-install-test.XXXXXX)

# --- the stub? ---------------------------------------------------------------------------------
stub= gui_stub=
probe=$(HOME=$home timeout 20 netmon serve 2>&1 </dev/null || true)
if grep -q 'not built yet' <<<"$probe"; then
    stub=1
    say "STUB: the installed app prints 'error: not built yet' (app/ still has the placeholder Main);"
    say "STUB: the window and echo checks cannot run until the real app is merged"
fi

# --- the window, under Xvfb --------------------------------------------------------------------
if [ -z "$stub" ]; then
    display_file=$out/xvfb.display
    # -displayfd makes Xvfb pick a free display and tell us its number.
    Xvfb -displayfd 6 -screen 0 1600x1000x24 -extension GLX -nolisten tcp 6>"$display_file" 2>"$out/xvfb.log" &
    xvfb_pid=$!
    for _ in $(seq 1 100); do [ -s "$display_file" ] && break; sleep 0.1; done
    [ -s "$display_file" ] || fail "Xvfb did not start (see $out/xvfb.log)"
    export DISPLAY=:$(head -n1 "$display_file")
    say "Xvfb on $DISPLAY; starting the installed netmon"
    # Software rendering: Xvfb has no GPU. The jpackage launcher honours JAVA_TOOL_OPTIONS.
    HOME=$home JAVA_TOOL_OPTIONS="-Dprism.order=sw" netmon >"$out/gui.log" 2>&1 </dev/null &
    app_pid=$!
    window=
    for _ in $(seq 1 90); do
        if ! kill -0 "$app_pid" 2>/dev/null; then
            if grep -q 'not built yet' "$out/gui.log"; then
                gui_stub=1
                break
            fi
            cat "$out/gui.log" >&2; fail "netmon exited before its window came up"
        fi
        # A window whose title names netmon, bigger than the toolkit's small helper windows.
        window=$(xwininfo -root -tree 2>/dev/null | grep -i '^ *0x[0-9a-f]* "[^"]*netmon' \
            | awk '{ if (match($0, /\) +[0-9]+x[0-9]+/)) { split(substr($0, RSTART + 1), g, "x");
                     sub(/^ +/, "", g[1]); if (g[1] + 0 >= 200 && g[2] + 0 >= 150) print } }' | head -n1 || true)
        [ -n "$window" ] && break
        sleep 1
    done
    if [ -n "$gui_stub" ]; then
        say "STUB: the installed netmon says its GUI is 'not built yet' (ui/ still has the placeholder);"
        say "STUB: the window check cannot run until the real UI is merged"
    else
        [ -n "$window" ] || { cat "$out/gui.log" >&2; fail "no netmon window within 90 s"; }
        say "window up: $(echo "$window" | sed 's/^ *//')"
        sleep 3   # let the first frames render before the screenshot
        "$import" -window root "$out/screenshot.png"
        colours=$("$magick" "$out/screenshot.png" -format '%k' info:)
        [ "$colours" -gt 16 ] || fail "the screenshot is blank ($colours colours): $out/screenshot.png"
        say "screenshot: $out/screenshot.png ($colours colours)"
        xprop -id "$(echo "$window" | awk '{print $1}')" WM_CLASS >"$out/wm-class.txt" 2>&1 || true
    fi
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
    kill "$xvfb_pid"; wait "$xvfb_pid" 2>/dev/null || true; xvfb_pid=
    unset DISPLAY
fi

# --- serve echo from the installed launcher ----------------------------------------------------
if [ -z "$stub" ]; then
    : >"$out/serve.out"   # exists before the background job opens it, so the poll below can read it
    HOME=$home netmon serve echo=tcp:0 >>"$out/serve.out" 2>"$out/serve.err" </dev/null &
    serve_pid=$!
    port=
    for _ in $(seq 1 300); do
        port=$(sed -n 's/^listening echo tcp 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$out/serve.out" | head -n1 || true)
        [ -n "$port" ] && break
        kill -0 "$serve_pid" 2>/dev/null || { cat "$out/serve.err" >&2; fail "netmon serve exited early"; }
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$out/serve.err" >&2; fail "no 'listening echo tcp 127.0.0.1:PORT' line within 30 s"; }
    message="netmon install test $$ $(date +%s)"
    exec 7<>"/dev/tcp/127.0.0.1/$port"
    printf '%s\n' "$message" >&7
    IFS= read -r -t 10 reply <&7 || fail "no echo from 127.0.0.1:$port within 10 s"
    exec 7>&-
    [ "$reply" = "$message" ] || fail "echo answered '$reply', expected '$message'"
    say "echo on 127.0.0.1:$port answered"
    kill -TERM "$serve_pid"
    status=
    for _ in $(seq 1 50); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$serve_pid" 2>/dev/null; then fail "netmon serve still running 5 s after SIGTERM"; fi
    wait "$serve_pid" && status=0 || status=$?
    serve_pid=
    [ "$status" = 0 ] || fail "netmon serve exited with status $status after SIGTERM (expected 0)"
    say "serve stopped cleanly on SIGTERM"
fi

# --- remove and check nothing is left ----------------------------------------------------------
say "removing the package"
apt-get remove -y -qq netmon >"$out/apt-remove.log" 2>&1 || { cat "$out/apt-remove.log" >&2; fail "apt-get remove netmon"; }
installed=
# jpackage always ships a postrm, so dpkg keeps the package as "config-files" until a purge runs it.
case "$(package_state)" in
    ""|not-installed|config-files) ;;
    *) fail "dpkg says netmon is '$(package_state)' after remove" ;;
esac
left=()
for path in /opt/netmon /usr/bin/netmon "$desktop"; do
    { [ -e "$path" ] || [ -L "$path" ]; } && left+=("$path")
done
for icon in /usr/share/icons/hicolor/*/apps/netmon.png; do
    [ -e "$icon" ] && left+=("$icon")
done
[ ${#left[@]} -eq 0 ] || fail "left behind after remove: ${left[*]}"
say "removed: no /opt/netmon, /usr/bin/netmon, desktop entry or hicolor icons left"
apt-get purge -y -qq netmon >>"$out/apt-remove.log" 2>&1 || fail "apt-get purge netmon"
case "$(package_state)" in
    ""|not-installed) ;;
    *) fail "dpkg still knows netmon as '$(package_state)' after purge" ;;
esac

say "sizes: .deb $deb_size, app-image $image_size, installed $on_disk on disk (Installed-Size $installed_kib KiB)"
if [ -n "$stub" ]; then
    say "INCOMPLETE: packaging, install and removal passed; window and echo not checked (stub app)"
    exit 3
fi
if [ -n "$gui_stub" ]; then
    say "INCOMPLETE: packaging, install, echo and removal passed; window not checked (stub GUI)"
    exit 3
fi
say "PASS"
