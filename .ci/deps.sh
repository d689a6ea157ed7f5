#!/usr/bin/env bash
# What Inkstone needs on a Debian/Ubuntu machine, judged by capability, not by package name.
#
#   deps.sh install GROUP...   install what is missing for GROUP (app, test, e2e, fuzz, package)
#   deps.sh plan GROUP...      say what `install` would do, and why, without doing it
#   deps.sh check              prove the install plan of every group is satisfiable here:
#                              apt's own simulation (`apt-get install -s`) of every Debian
#                              package the set-up could request on a bare machine of this kind,
#                              given what already comes from elsewhere (a NodeSource Node, a
#                              hugo from a release tarball, cargo-installed tools), so a
#                              conflict shows on a machine that already has everything.
#
# Each need is one row: the group, what it is for, a check that the capability is there, and
# where it comes from when it is not (Debian packages, or `cargo install` from crates.io).
# A tool that answers its check is never requested, wherever it came from.
set -euo pipefail

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
CARGO=${CARGO:-cargo}

ROWS=()
# row GROUP "WHAT" 'CHECK' apt|cargo PACKAGE... — CHECK runs in bash; for a tool, name its
# command first in CHECK as `have CMD` so `check` can tell where the tool came from.
row() { local g=$1 what=$2 check=$3 kind=$4; shift 4; ROWS+=("$g|$what|$check|$kind|$*"); }
have() { command -v "$1" >/dev/null 2>&1; }

# The window: Tauri's Linux prerequisites. (No tray icon, so no appindicator.)
row app "C and C++ compilers and make (native crates, libFuzzer)" 'have cc && have c++ && have make' apt build-essential
row app "pkg-config (finds the system libraries)" 'have pkg-config' apt pkg-config
row app "WebKitGTK 4.1 (the window and its web view)" 'pkg-config --exists webkit2gtk-4.1 javascriptcoregtk-4.1 libsoup-3.0' apt libwebkit2gtk-4.1-dev
row app "OpenSSL headers (libgit2's HTTPS)" 'pkg-config --exists openssl' apt libssl-dev
row app "libxdo (the window's edit menu shortcuts)" '[ -e /usr/include/xdo.h ]' apt libxdo-dev
row app "file (Tauri's build script)" 'have file' apt file
row app "an English dictionary (the editor's spell checking, through WebKitGTK's Enchant)" '[ -e /usr/share/hunspell/en_US.dic ]' apt hunspell-en-us
# Node ≥ 20 with its npm (the UI build: Vite 7). Never asked of apt when any Node ≥ 20 with an
# npm answers: NodeSource's nodejs bundles npm and conflicts with Debian's npm package.
row app "Node.js ≥ 20 and npm (the UI build)" 'node_ok' node nodejs

# The compatibility tests build with the real generators.
row test "hugo (Hugo compatibility tests)" 'have hugo' apt hugo
row test "jekyll (Jekyll compatibility tests)" 'have jekyll' apt jekyll
# Real git servers on 127.0.0.1 and a real Secret Service for the publish tests.
row test "git (test repositories)" 'have git' apt git
row test "openssl (a throwaway test CA)" 'have openssl' apt openssl
row test "lighttpd (smart HTTP git server)" 'have lighttpd' apt lighttpd
row test "lighttpd's TLS module (HTTPS git server)" '[ -e /usr/lib/lighttpd/mod_openssl.so ]' apt lighttpd-mod-openssl
row test "sshd (SSH git server)" '[ -x /usr/sbin/sshd ]' apt openssh-server
row test "ssh-agent and ssh-keygen (SSH publish tests)" 'have ssh-agent && have ssh-keygen && have ssh-add' apt openssh-client
row test "gnome-keyring (a real Secret Service for tokens)" 'have gnome-keyring-daemon' apt gnome-keyring
row test "dbus-run-session (a private session bus)" 'have dbus-run-session' apt dbus
row test "secret-tool (reads the keychain in a test)" 'have secret-tool' apt libsecret-tools
row test "zsh (checks the zsh completion script)" 'have zsh' apt zsh
row test "cargo-nextest (the test runner)" 'have cargo-nextest' cargo cargo-nextest

# The real window without a display, driven by WebDriver; CJK fonts for what it shows.
row e2e "xvfb-run (a window without a display)" 'have xvfb-run && have Xvfb && have xauth' apt xvfb xauth
row e2e "WebKitWebDriver (WebDriver for WebKitGTK)" 'have WebKitWebDriver' apt webkit2gtk-driver
row e2e "a CJK font (Chinese text in the window)" 'have fc-list && [ -n "$(fc-list :lang=zh family 2>/dev/null)" ]' apt fonts-noto-cjk fontconfig
row e2e "tauri-driver (WebDriver for Tauri apps)" 'have tauri-driver' cargo tauri-driver@^2
row e2e "dbus-daemon (a private session bus: one app per user)" 'have dbus-daemon' apt dbus
row e2e "xdotool (drags a file onto the window)" 'have xdotool' apt xdotool
# Debian's own Python (not a pyenv or venv one earlier on PATH) with GTK 3: the drag source.
row e2e "Python GTK 3 (the drop test's drag source)" '/usr/bin/python3 -c "import gi; gi.require_version(\"Gtk\", \"3.0\"); from gi.repository import Gtk" 2>/dev/null' apt python3-gi gir1.2-gtk-3.0

row fuzz "cargo-fuzz (the fuzz targets)" 'have cargo-fuzz' cargo cargo-fuzz

# The .deb installed, checked and removed again (`make package-test`).
row package "desktop-file-validate (checks the package's desktop entry)" 'have desktop-file-validate' apt desktop-file-utils
row package "dbus-run-session (the installed app's session bus)" 'have dbus-run-session' apt dbus
row package "xdotool (finds the installed app's window)" 'have xdotool' apt xdotool
row package "xvfb-run (a window without a display)" 'have xvfb-run && have Xvfb && have xauth' apt xvfb xauth

node_ok() {
  have node && have npm && node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null
}

# apt's candidate version of PACKAGE, or nothing.
candidate() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { if ($2 != "(none)") print $2 }'; }

# The package lists are read once per machine; a bare machine has none.
apt_lists() {
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    echo "deps: reading Debian's package lists (apt-get update)" >&2
    $SUDO apt-get update -qq
  fi
}

# Node is the one need apt may not be able to meet: Debian 12 ships Node 18.
node_packages() {
  local v
  apt_lists
  v=$(candidate nodejs)
  if [ -n "$v" ] && [ "${v%%.*}" -ge 20 ] 2>/dev/null; then
    # Debian's own nodejs comes without npm; NodeSource's provides it.
    if apt-cache show "nodejs=$v" 2>/dev/null | grep -q '^Provides:.*\bnpm\b'; then echo nodejs; else echo nodejs npm; fi
  else
    echo "deps: Node.js ≥ 20 with npm is needed to build the UI, and apt offers ${v:-none} here." >&2
    echo "deps: install Node 20 or newer (NodeSource's nodejs package, nvm, or your distribution's), then run make again." >&2
    return 1
  fi
}

rows_of() {
  local want=" $* " r
  for r in "${ROWS[@]}"; do
    [[ "$want" == *" ${r%%|*} "* ]] && echo "$r"
  done
}

# Sets APT and CARGO_TOOLS to what GROUPs lack, printing why.
plan() {
  APT=() CARGO_TOOLS=()
  local r g what check kind pkgs
  while IFS='|' read -r g what check kind pkgs; do
    if eval "$check"; then continue; fi
    case $kind in
      apt) echo "deps: need $what: apt $pkgs"; APT+=($pkgs) ;;
      node) pkgs=$(node_packages); echo "deps: need $what: apt $pkgs"; APT+=($pkgs) ;;
      cargo) echo "deps: need $what: cargo install $pkgs"; CARGO_TOOLS+=($pkgs) ;;
    esac
  done < <(rows_of "$@")
}

install() {
  plan "$@"
  if [ ${#APT[@]} -gt 0 ]; then
    echo "deps: installing from Debian: ${APT[*]}"
    $SUDO apt-get update -qq
    # `env` inside sudo: sudo's env_reset would drop DEBIAN_FRONTEND, and a debconf question
    # would then wait, unseen, behind the silenced output.
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${APT[@]}" >/dev/null
  fi
  local t
  for t in "${CARGO_TOOLS[@]}"; do
    echo "deps: installing from crates.io: $t"
    $CARGO install --locked --quiet "${t%@*}" $([[ $t == *@* ]] && echo --version "${t#*@}")
  done
  # Say it again after: a check that still fails means the package did not bring the tool.
  plan "$@" >/dev/null
  if [ ${#APT[@]} -gt 0 ] || [ ${#CARGO_TOOLS[@]} -gt 0 ]; then
    echo "deps: still missing after the install: ${APT[*]} ${CARGO_TOOLS[*]}" >&2
    return 1
  fi
}

# The packages a bare machine of this kind would be asked for: every apt row, except a tool
# that is already here from somewhere other than that row's packages (NodeSource's Node, a
# hugo binary in /usr/local/bin): the set-up will never request those.
check() {
  local r g what check kind pkgs cmd path owner all=()
  apt_lists
  while IFS='|' read -r g what check kind pkgs; do
    case $kind in
      cargo) continue ;;
      node)
        if node_ok; then echo "deps: $what is here; nodejs and npm are not requested"; continue; fi
        pkgs=$(node_packages) ;;
      apt)
        cmd=$(sed -n 's/^have \([^ ]*\).*/\1/p' <<<"$check")
        if [ -n "$cmd" ] && eval "$check"; then
          path=$(readlink -f "$(command -v "$cmd")")
          owner=$(dpkg -S "$path" 2>/dev/null | cut -d: -f1 || true)
          if [ -z "$owner" ] || [[ " $pkgs " != *" $owner "* ]]; then
            echo "deps: $cmd comes from ${owner:-$path}, not apt's $pkgs: not requested"
            continue
          fi
        fi ;;
    esac
    all+=($pkgs)
  done < <(rows_of app test e2e fuzz package)
  echo "deps: simulating apt-get install of ${#all[@]} packages: ${all[*]}"
  local out
  # A machine image keeps the package lists it was built with while its installed packages
  # moved on (point releases): judged from those lists, the plan fails on versions apt no
  # longer offers (seen: libpcre2-dev wanting an older libpcre2-8-0 than the one installed).
  # The lists are read again once before the plan is called unsatisfiable.
  if ! out=$(LC_ALL=C apt-get install -s --no-install-recommends "${all[@]}" 2>&1); then
    echo "deps: the plan fails on this machine's package lists; reading them again (apt-get update)" >&2
    $SUDO apt-get update -qq
    out=""
  fi
  if [ -z "$out" ] && ! out=$(LC_ALL=C apt-get install -s --no-install-recommends "${all[@]}" 2>&1); then
    echo "$out" | grep -E '^(E:| |The following)' >&2 || echo "$out" >&2
    echo "deps: the install plan cannot be satisfied on this machine (see apt's words above)" >&2
    return 1
  fi
  echo "deps: the install plan is satisfiable ($(grep -c '^Inst ' <<<"$out" || true) packages would be installed here)"
}

cmd=${1:-}
shift || true
case $cmd in
  install) install "$@" ;;
  plan) plan "$@"; [ ${#APT[@]} -gt 0 ] || [ ${#CARGO_TOOLS[@]} -gt 0 ] || echo "deps: nothing missing for $*" ;;
  check) check ;;
  *) echo "usage: deps.sh install|plan GROUP... | deps.sh check" >&2; exit 2 ;;
esac
