#!/usr/bin/env bash
# Replaces the native launchers of a Linux app-image made by jpackage (bin/NAME for each lib/app/NAME.cfg) by
# shell launchers that exec the image's own runtime with the same class path, main class and JVM options.
#
#   shell-launchers.sh IMAGE_DIR
#
# Why: on every start, JDK 17's native Linux launcher asks the package managers who owns it (`rpm -qf`, then
# `dpkg -S` on its own path, and `dpkg -L` when a package does) before it starts the JVM. `dpkg -S` reads every
# installed package's file list: ~75 ms per query on this build machine with 773 packages, twice per start,
# more on a desktop with thousands; measured in BENCHMARKS.md ("The window's startup, session 6"). The shell
# launcher costs a few milliseconds. The process keeps the launcher's name (`ps`, `top`): each launcher execs a
# copy of the runtime's `java` named after it (lib/runtime/bin/NAME), which finds its runtime the same way.
#
# The image's runtime must hold bin/java (jlink without --strip-native-commands). Each launcher passes what
# jpackage's did: -Djpackage.app-path, the cfg's java-options ($APPDIR = lib/app) and -cp with the cfg's class
# path. It also honours JDK_JAVA_OPTIONS (the java launcher reads it; jpackage's ignored it); JAVA_TOOL_OPTIONS
# works with both.
set -euo pipefail

if [ $# -ne 1 ]; then
    sed -n '2,6p' "$0" >&2
    exit 2
fi
image=$1
java=$image/lib/runtime/bin/java
fail() { echo "[shell-launchers] error: $*" >&2; exit 1; }

[ -x "$java" ] || fail "$java is missing: build the runtime without jlink's --strip-native-commands"

# quote_option VALUE: VALUE as a double-quoted shell word, $APPDIR turned into the launcher's $app.
quote_option() {
    case "$1" in *[\"\\\`]*|*'$'[!A]*) fail "cannot quote JVM option '$1' for a shell launcher" ;; esac
    local v=${1//\$APPDIR/\$\{app\}}
    case "$v" in *'$'[!\{]*) fail "cannot quote JVM option '$1' for a shell launcher" ;; esac
    printf ' "%s"' "$v"
}

count=0
for cfg in "$image"/lib/app/*.cfg; do
    name=$(basename "$cfg" .cfg)
    launcher=$image/bin/$name
    [ -f "$launcher" ] || fail "$cfg has no launcher $launcher"
    mainclass=$(sed -n 's/^app\.mainclass=//p' "$cfg")
    classpath=$(sed -n 's/^app\.classpath=//p' "$cfg")
    [ -n "$mainclass" ] && [ -n "$classpath" ] || fail "$cfg names no main class or class path"
    case "$name" in *[!A-Za-z0-9._-]*) fail "launcher name '$name' is not a plain file name" ;; esac
    options=""
    while IFS= read -r option; do
        options+=$(quote_option "$option")
    done < <(sed -n 's/^java-options=//p' "$cfg")
    install -m 0755 "$java" "$image/lib/runtime/bin/$name"
    cat > "$launcher" <<EOF
#!/bin/sh
# netmon's launcher: starts lib/runtime with lib/app/$name.cfg's JVM options (written by the build in place of
# jpackage's native launcher, which queried dpkg/rpm on every start; installer/src/main/linux/shell-launchers.sh).
bin=\$(dirname "\$(readlink -f "\$0")")
image=\${bin%/bin}
app=\$image/lib/app
exec "\$image/lib/runtime/bin/$name" "-Djpackage.app-path=\$bin/$name"$options -cp$(quote_option "$classpath") $mainclass "\$@"
EOF
    chmod 0755 "$launcher"
    count=$((count + 1))
done
[ "$count" -gt 0 ] || fail "no launcher configuration under $image/lib/app"
echo "[shell-launchers] $count shell launchers in $image/bin"
