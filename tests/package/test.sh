#!/usr/bin/env bash
# Installs the built .deb on this machine with apt, checks what a desktop user gets, and removes
# it again (`make package-test`):
#   - the control file: Depends names WebKitGTK 4.1;
#   - the desktop entry validates (desktop-file-validate), opens Markdown files, and has its
#     Chinese name and comment; icons in every hicolor size from 16 to 512;
#   - `inkstone` on PATH answers --version, with its man page and completions;
#   - the installed app, given a post's path, opens that post in its blog in a window (Xvfb):
#     the window's title names the post and the blog;
#   - apt removes every file again.
# Every library the app and the CLI link (ldd) belongs to a package in the closure of those
# Depends; see the README.
set -euo pipefail

deb=${1:?usage: tests/package/test.sh PATH.deb}
deb=$(realpath "$deb")
repo=$(cd "$(dirname "$0")/../.." && pwd)
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
tmp=$(mktemp -d)
pkg=$(dpkg-deb -f "$deb" Package)
installed=false
removed=false
cleanup() {
  if $installed && ! $removed; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$pkg" >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

step() { printf 'package-test: %s\n' "$*"; }
fail() {
  printf 'package-test: FAILED: %s\n' "$*" >&2
  for log in app session; do
    [ -f "$tmp/$log.log" ] && sed "s/^/  $log: /" "$tmp/$log.log" >&2
  done
  exit 1
}

step "$(basename "$deb"): $(du -h "$deb" | cut -f1), Depends: $(dpkg-deb -f "$deb" Depends)"
dpkg-deb -f "$deb" Depends | grep -q 'libwebkit2gtk-4.1-0' || fail "Depends does not name libwebkit2gtk-4.1-0"
if dpkg -s "$pkg" >/dev/null 2>&1; then
  fail "$pkg is installed already: remove it first (apt-get remove $pkg)"
fi

step "apt-get install $deb"
# Only what it depends on: what it recommends (a keychain, a dictionary) stays the machine's.
installed=true
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null

files=$(dpkg -L "$pkg")
desktop=$(grep '^/usr/share/applications/.*\.desktop$' <<<"$files" | head -n1)
[ -n "$desktop" ] || fail "no desktop entry in the package"
desktop-file-validate "$desktop" || fail "$desktop does not validate"
for want in '^MimeType=.*text/markdown;' '^Comment\[zh_CN\]=' '^GenericName\[zh_CN\]=' '^Exec=inkstone-app %f$' '^Icon=inkstone-app$'; do
  grep -q "$want" "$desktop" || fail "$desktop: no line matching $want"
done
step "desktop entry $desktop validates"
for size in 16 24 32 48 64 128 256 512; do
  icon=/usr/share/icons/hicolor/${size}x${size}/apps/inkstone-app.png
  [ -f "$icon" ] || fail "no ${size}px icon ($icon)"
done
step "icons 16 to 512 px"

version=$(env -i PATH=/usr/bin:/bin inkstone --version) || fail "inkstone --version"
[ "$(command -v inkstone)" = /usr/bin/inkstone ] || [ -x /usr/bin/inkstone ] || fail "inkstone is not in /usr/bin"
for f in /usr/share/man/man1/inkstone.1 /usr/share/bash-completion/completions/inkstone \
  /usr/share/zsh/vendor-completions/_inkstone /usr/share/fish/vendor_completions.d/inkstone.fish; do
  [ -s "$f" ] || fail "missing $f"
done
step "$version, with its man page and completions"

# The installed app, as the file manager's "Open with" starts it: a post's path.
cp -r "$repo/posts" "$tmp/blog"
post="$tmp/blog/content/posts/linux-tcp-congestion-ops.md"
cat >"$tmp/open.sh" <<'EOF'
#!/usr/bin/env bash
set -u
INKSTONE_DATA_DIR="$TMP/data" INKSTONE_READY_FILE="$TMP/ready" /usr/bin/inkstone-app "$POST" >"$TMP/app.log" 2>&1 &
app=$!
for _ in $(seq 1 600); do
  [ -s "$TMP/ready" ] && break
  kill -0 "$app" 2>/dev/null || { echo "the app exited" >>"$TMP/app.log"; exit 1; }
  sleep 0.1
done
[ -s "$TMP/ready" ] || { echo "no window ready in 60 s" >>"$TMP/app.log"; kill "$app"; exit 1; }
# The title names the post that was opened and its blog.
found=""
for _ in $(seq 1 50); do
  found=$(xdotool search --name 'tcp_congestion_ops.*Inkstone' getwindowname 2>/dev/null | head -n1) && [ -n "$found" ] && break
  sleep 0.1
done
echo "$found" >"$TMP/title"
kill "$app"
wait "$app" 2>/dev/null || true
[ -n "$found" ]
EOF
chmod +x "$tmp/open.sh"
# (The private session bus's own chatter goes to a file, shown only on failure.)
TMP=$tmp POST=$post xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$tmp/open.sh" 2>"$tmp/session.log" ||
  fail "the installed app did not open $post in a window"
step "the installed app opened the post in $(cat "$tmp/ready" | tr -d '\n') ms: window \"$(cat "$tmp/title")\""

step "apt-get remove $pkg"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$pkg" >/dev/null
removed=true
dpkg -s "$pkg" >/dev/null 2>&1 && fail "$pkg is still installed"
while read -r f; do
  [ -f "$f" ] && fail "$f is left after the removal"
done <<<"$files"
step "removed: no file of the package is left"
