#!/usr/bin/env bash
# Builds netmon's Linux app-image and .deb with jpackage. Run by the `installer` Maven profile
# (installer/pom.xml) in the package phase; it can also be run by hand with the same arguments:
#
#   jpackage-linux.sh VERSION JAVA_HOME INPUT_DIR ICON_DIR TARGET_DIR EXPECTED_MODULES JLINK_OPTIONS [ADD_LAUNCHER]
#
#   VERSION           the package version (the pom's ${project.version})
#   JAVA_HOME         the JDK whose jpackage, jlink and jdeps to use (17 or later)
#   INPUT_DIR         a folder holding only netmon.jar (the fat jar with JavaFX and its Linux natives)
#   ICON_DIR          the icons module's PNG folder (app-16.png .. app-512.png)
#   TARGET_DIR        where to build: TARGET_DIR/app-image/netmon and TARGET_DIR/netmon_VERSION-1_ARCH.deb
#   EXPECTED_MODULES  the module list the pom gives the .msi/.dmg builds; a warning says if jdeps disagrees
#   JLINK_OPTIONS     the options jpackage passes to jlink (one argument, space-separated)
#   ADD_LAUNCHER      optional: NAME=PROPERTIES_FILE of a second launcher (jpackage --add-launcher), e.g.
#                     the headless netmon-serve with its own JVM options
set -euo pipefail

if [ $# -ne 7 ] && [ $# -ne 8 ]; then
    sed -n '2,16p' "$0" >&2
    exit 2
fi
version=$1 java_home=$2 input=$3 icons=$4 target=$5 expected_modules=$6 jlink_options=$7 add_launcher=${8:-}
here=$(cd "$(dirname "$0")" && pwd)
jpackage=$java_home/bin/jpackage
jdeps=$java_home/bin/jdeps

log() { echo "[jpackage-linux] $*"; }
fail() { echo "[jpackage-linux] error: $*" >&2; exit 1; }

[ -x "$jpackage" ] || fail "no jpackage at $jpackage (needs a full JDK 17+, not a JRE)"
[ -f "$input/netmon.jar" ] || fail "$input/netmon.jar is missing: build the app first (mvn -DskipTests -Pinstaller package from the root)"
for tool in fakeroot dpkg-deb; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install fakeroot dpkg-dev)"
done

# The runtime holds only the JDK modules the jar uses: jdeps reads the fat jar, JavaFX included.
modules=$("$jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$input/netmon.jar")
[ -n "$modules" ] || fail "jdeps found no modules in netmon.jar"
if [ "$(tr ',' '\n' <<<"$modules" | sort | paste -sd,)" != "$(tr ',' '\n' <<<"$expected_modules" | sort | paste -sd,)" ]; then
    log "warning: jdeps says the app needs $modules but the pom's netmon.runtime.modules is $expected_modules;"
    log "warning: update netmon.runtime.modules in installer/pom.xml so the .msi and .dmg builds match"
fi
log "runtime modules: $modules"

common=(
    --name netmon
    --app-version "$version"
    --vendor "netmon"
    --copyright "netmon contributors"
    --description "Desktop network monitor: live connections, traffic and Deferreds on a Java port of Twisted"
)

# 1. The app-image: launcher, trimmed runtime, the jar. The runtime keeps its bin/java (no
#    --strip-native-commands here, whatever the pom says for the .msi/.dmg): step 1a's launchers exec it.
jlink_options=$(sed -E 's/(^| )--strip-native-commands( |$)/ /g' <<<"$jlink_options")
image_parent=$target/app-image
rm -rf "$image_parent"   # jpackage refuses an existing destination
log "building the app-image in $image_parent/netmon"
"$jpackage" --type app-image "${common[@]}" \
    --input "$input" --main-jar netmon.jar \
    --icon "$icons/app-256.png" \
    --add-modules "$modules" \
    --jlink-options "$jlink_options" \
    --java-options '-XX:SharedArchiveFile=$APPDIR/netmon.jsa' \
    ${add_launcher:+--add-launcher "$add_launcher"} \
    --dest "$image_parent"
image=$image_parent/netmon

# 1a. Shell launchers in place of jpackage's native ones, which query dpkg and rpm on every start (~0.15-0.3 s
#     before the JVM starts; shell-launchers.sh says why, BENCHMARKS.md has the figures).
bash "$here/shell-launchers.sh" "$image"

# 1b. The runtime's default class-data archive (lib/server/classes.jsa), which a JDK has and a jlink'd runtime
#     lacks (JDK 17's jlink cannot make one; later ones have --generate-cds-archive): the JDK's classes are
#     mapped instead of loaded one by one wherever the window's own archive is not used, e.g. by netmon-serve.
#     It names no path of ours (a copied runtime still maps it), so it is made here and shipped (~12 MB).
if "$image/lib/runtime/bin/java" -Xshare:dump >/dev/null 2>&1 && [ -s "$image/lib/runtime/lib/server/classes.jsa" ]; then
    log "the runtime's default class-data archive: $(du -h "$image/lib/runtime/lib/server/classes.jsa" | cut -f1)"
else
    rm -f "$image/lib/runtime/lib/server/classes.jsa"
    log "warning: no default class-data archive for the runtime: netmon-serve starts a little slower"
fi

# 1c. The window's class list for AppCDS: a training run of the image's launcher under Xvfb. postinst dumps
#     lib/app/netmon.jsa from it with the installed runtime (an archive made here would name this build
#     folder's jar and be refused at /opt/netmon). bin/netmon names that archive in its JVM options; when it is
#     missing (no class list, or the dump failed) the JVM starts without it, silently, as before.
classlist=$image/lib/app/netmon.classlist
if command -v xvfb-run >/dev/null; then
    log "training run under Xvfb for the class-data archive's class list"
    if timeout 180 xvfb-run -a -s "-screen 0 1280x800x24 -extension GLX" \
            bash "$here/train-classlist.sh" "$image/bin/netmon" "$classlist"; then
        log "class list: $(wc -l <"$classlist") classes"
    else
        log "warning: the training run failed: the package will start the window without a class-data archive"
        rm -f "$classlist"
    fi
else
    log "warning: xvfb-run is missing: no class list, the package will start the window without a class-data archive"
fi

# 2. Desktop integration inside the image, laid out as under /usr/share: postinst copies it from
#    /opt/netmon/lib/desktop into /usr/share and prerm removes it. It sits under lib/ because
#    jpackage builds the .deb's share/ itself and drops whatever an app-image had there.
desktop=$image/lib/desktop
install -D -m 0644 "$here/netmon.desktop" "$desktop/applications/netmon.desktop"
for png in "$icons"/app-*.png; do
    size=$(basename "$png" .png); size=${size#app-}
    install -D -m 0644 "$png" "$desktop/icons/hicolor/${size}x${size}/apps/netmon.png"
done

# 3. The .deb from that image, with our own maintainer scripts.
rm -f "$target"/netmon_*.deb
log "building the .deb in $target"
"$jpackage" --type deb "${common[@]}" \
    --app-image "$image" \
    --install-dir /opt \
    --resource-dir "$here/resources" \
    --linux-package-name netmon \
    --linux-deb-maintainer "netmon@localhost" \
    --linux-app-category net \
    --linux-package-deps "libgtk-3-0, libxtst6" \
    --dest "$target"

# 4. The build's own app-image gets the archive too (after the .deb, which must not ship one: postinst makes
#    it for /opt/netmon), so installer/target/app-image/netmon/bin/netmon starts as the installed one does, e.g.
#    for bench/startup-gui.sh. The archive names this folder: a moved copy starts without it.
if [ -f "$classlist" ]; then
    if JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$classlist -XX:SharedArchiveFile=$image/lib/app/netmon.jsa" \
            "$image/bin/netmon" >/dev/null 2>&1 && [ -s "$image/lib/app/netmon.jsa" ]; then
        log "class-data archive for the build's app-image: $(du -h "$image/lib/app/netmon.jsa" | cut -f1)"
    else
        rm -f "$image/lib/app/netmon.jsa"
        log "warning: no class-data archive for the build's app-image (the .deb is not affected)"
    fi
fi

deb=$(ls "$target"/netmon_*.deb)
log "app-image: $(du -sh "$image" | cut -f1)  ($image)"
log ".deb:      $(du -h "$deb" | cut -f1)  ($deb), Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"
