#!/usr/bin/env bash
# Acceptance test for the Linux installer, run by .ci/run after the tests (needs JAVA_HOME = JDK 25,
# Maven, dpkg-deb, fakeroot, xvfb-run; see .ci/run's apt-get line).
#
#  1. builds the .deb with the same command as CI and packaging/README.md (mvn -Pdist package);
#  2. checks the package: fields, dependencies resolvable on this system (apt-get --simulate),
#     maintainer scripts parse, menu entry valid;
#  3. "installs" it into a scratch root with dpkg-deb -x: the payload lands exactly where dpkg
#     would put it (<root>/opt/alexandria), but no maintainer script runs (they would register the
#     menu entry in the real system) and the system's dpkg database is not touched. The jpackage
#     launcher finds its runtime relative to its own path, so it runs from there as from /opt;
#  4. runs the installed launcher: --help; a CLI sync of a few notes against the Qdrant test
#     server (started from the build tree), without --data-dir and with XDG_DATA_HOME in the
#     scratch dir, to check that the data goes to the XDG data dir and never into the install dir;
#  5. launches the installed desktop app headless under xvfb-run with --smoke (open the main
#     window, sync the vault, exit 0).
# Steps 4-5 sync notes of the repository's test corpus (src/test/corpus/obsidian-tasks-docs).
#
# Environment: SKIP_BUILD=1 reuses target/dist/installer/*.deb; KEEP_SMOKE_DIR=1 keeps the
# scratch dir.
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
cd "$PROJECT_DIR"
CORPUS=$PROJECT_DIR/src/test/corpus/obsidian-tasks-docs
NOTES=("Introduction.md" "Quick Reference.md" "Getting Started/Dates.md" "Getting Started/Priority.md"
       "Getting Started/Recurring Tasks.md")

log() { printf '[deb-smoke] %s\n' "$*"; }
fail() { printf '[deb-smoke] FAILED: %s\n' "$*" >&2; exit 1; }
elapsed() { echo $(( $(date +%s) - $1 ))s; }

: "${JAVA_HOME:?JAVA_HOME must point to a JDK 25}"
START=$(date +%s)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/alexandria-deb-smoke.XXXXXX")
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [ "${KEEP_SMOKE_DIR:-0}" = 1 ]; then log "scratch dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- 1. build -------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    t=$(date +%s)
    log "building the .deb: mvn -B -ntp -Pdist -DskipTests package"
    mvn -B -ntp -Pdist -DskipTests package > "$WORK/build.log" 2>&1 || { tail -n 60 "$WORK/build.log"; fail "build"; }
    grep '\[dist\]' "$WORK/build.log" || true
    log "build took $(elapsed "$t")"
fi
shopt -s nullglob
debs=(target/dist/installer/*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb in target/dist/installer, found ${#debs[@]}"
DEB=$PROJECT_DIR/${debs[0]}
log "package: $DEB ($(du -h "$DEB" | cut -f1))"

# --- 2. package checks ----------------------------------------------------------------------
dpkg-deb --field "$DEB" Package Version Architecture Depends
if command -v apt-get > /dev/null; then
    apt-get install --simulate --no-install-recommends "$DEB" > "$WORK/apt.log" 2>&1 \
        || { cat "$WORK/apt.log"; fail "the package's dependencies do not resolve on this system"; }
    log "dependencies resolve (apt-get --simulate)"
fi
dpkg-deb --control "$DEB" "$WORK/control"
for script in preinst postinst prerm postrm; do
    [ ! -f "$WORK/control/$script" ] || sh -n "$WORK/control/$script" || fail "$script does not parse"
done

# --- 3. install into a scratch root ---------------------------------------------------------
ROOT=$WORK/root
dpkg-deb -x "$DEB" "$ROOT"
INSTALL_DIR=$ROOT/opt/alexandria
LAUNCHER=$INSTALL_DIR/bin/Alexandria
[ -x "$LAUNCHER" ] || fail "no launcher at /opt/alexandria/bin/Alexandria"
DESKTOP_FILE=$(ls "$INSTALL_DIR"/lib/*.desktop)
if command -v desktop-file-validate > /dev/null; then
    desktop-file-validate "$DESKTOP_FILE" || fail "invalid menu entry $DESKTOP_FILE"
fi
grep -q '^Exec=/opt/alexandria/bin/Alexandria' "$DESKTOP_FILE" || fail "menu entry does not start the launcher"
# Only this platform's natives, no debug symbols (Dist.java stage).
others=$("$JAVA_HOME/bin/jar" tf "$(ls "$INSTALL_DIR"/lib/app/lib/onnxruntime-[0-9]*.jar)" | grep -E 'osx-|win-|\.dSYM/|\.pdb$' || true)
[ -z "$others" ] || fail "the installed ONNX Runtime jar carries other platforms' files: $others"
log "installed into scratch root $ROOT ($(du -sh "$INSTALL_DIR" | cut -f1))"
touch "$WORK/installed.marker"

# The installed app runs with a scratch home and XDG data dir, so its default data dir is
# $XDG_DATA_HOME/alexandria. (Java takes user.home from the password database, not from $HOME,
# so XDG_DATA_HOME is what keeps the real ~/.local/share out of the test.)
APP_HOME=$WORK/home
mkdir -p "$APP_HOME/.local/share"
unset ALEXANDRIA_DATA_DIR
app() {
    HOME=$APP_HOME XDG_DATA_HOME=$APP_HOME/.local/share XDG_CACHE_HOME=$APP_HOME/.cache \
        XDG_CONFIG_HOME=$APP_HOME/.config NO_AT_BRIDGE=1 "$@"
}

# --- 4. command line inside the installed app -----------------------------------------------
app "$LAUNCHER" --help > "$WORK/help.txt" 2>&1 || { cat "$WORK/help.txt"; fail "--help"; }
grep -q 'sync' "$WORK/help.txt" || fail "--help does not list the sync command"
log "installed launcher: --help ok"

[ -d "$CORPUS" ] || fail "the test corpus is missing: $CORPUS"
VAULT=$WORK/vault
for note in "${NOTES[@]}"; do
    mkdir -p "$VAULT/$(dirname "$note")"
    cp "$CORPUS/$note" "$VAULT/$note"
done
chmod -R u+w "$VAULT"

log "starting the Qdrant test server (mvn exec:java@qdrant-test-server)"
mvn -B -ntp -q test-compile exec:java@qdrant-test-server -Dport=0 > "$WORK/qdrant.log" 2>&1 &
SERVER_PID=$!
QDRANT_URL=
for _ in $(seq 1 180); do
    QDRANT_URL=$(sed -n 's/^Qdrant test server listening on \(http[^ ]*\).*/\1/p' "$WORK/qdrant.log")
    [ -z "$QDRANT_URL" ] || break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/qdrant.log"; fail "the Qdrant test server did not start"; }
    sleep 1
done
[ -n "$QDRANT_URL" ] || fail "the Qdrant test server did not report its address"
log "Qdrant test server at $QDRANT_URL"

t=$(date +%s)
app "$LAUNCHER" sync --vault "$VAULT" --qdrant "$QDRANT_URL" --json > "$WORK/sync.json" 2> "$WORK/sync.err" \
    || { cat "$WORK/sync.err" "$WORK/sync.json"; fail "CLI sync with the installed app"; }
cat "$WORK/sync.json"
grep -q '"complete":true' "$WORK/sync.json" || fail "sync incomplete"
grep -q "\"indexed\":${#NOTES[@]}," "$WORK/sync.json" || fail "sync did not index the ${#NOTES[@]} notes"
DATA_DIR=$APP_HOME/.local/share/alexandria
[ -f "$DATA_DIR/alexandria.mv.db" ] || fail "no ledger in the default data dir $DATA_DIR"
log "CLI sync ok in $(elapsed "$t"); data in the XDG data dir: $(cd "$DATA_DIR" && ls | tr '\n' ' ')"

# --- 5. the desktop app, headless -----------------------------------------------------------
# --smoke opens the main window, syncs the vault into that Qdrant and exits 0 (1 with a reason).
# A copy under another folder name is another vault (other point ids), so the window really
# indexes it rather than adopting what the CLI sync already put in Qdrant.
DESKTOP_VAULT=$WORK/desktop-vault
cp -r "$VAULT" "$DESKTOP_VAULT"
t=$(date +%s)
app timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" "$LAUNCHER" --smoke --vault "$DESKTOP_VAULT" \
    --qdrant "$QDRANT_URL" --data-dir "$WORK/smoke-data" > "$WORK/smoke.log" 2>&1 \
    || { tail -n 40 "$WORK/smoke.log"; fail "desktop --smoke run"; }
grep 'smoke' "$WORK/smoke.log" | tail -n 1
grep -q "smoke ok .* ${#NOTES[@]} indexed" "$WORK/smoke.log" || fail "the desktop sync did not index the ${#NOTES[@]} notes"
log "desktop --smoke run ok in $(elapsed "$t")"

# Nothing may have been written into the install dir (updates replace it; data lives elsewhere).
written=$(find "$INSTALL_DIR" -newer "$WORK/installed.marker" | head -n 5)
[ -z "$written" ] || fail "the app wrote into its install dir: $written"
log "install dir untouched; PASSED in $(elapsed "$START")"
