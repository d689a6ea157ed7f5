//! A private Secret Service: gnome-keyring-daemon in its own D-Bus session, with the
//! "login" collection unlocked, around one command.

use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::Sandbox;

/// Starts the keyring on the session bus (password on stdin unlocks or creates the "login"
/// collection under `$XDG_DATA_HOME/keyrings`), waits until it owns
/// `org.freedesktop.secrets`, then runs the wrapped command.
const SCRIPT: &str = r#"set -e
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
printf inkstone | gnome-keyring-daemon --unlock --components=secrets >"$XDG_RUNTIME_DIR/keyring.log" 2>&1
i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; do
  i=$((i + 1))
  if [ $i -gt 200 ]; then echo "gnome-keyring-daemon did not register:" >&2; cat "$XDG_RUNTIME_DIR/keyring.log" >&2; exit 1; fi
  sleep 0.05
done
exec "$@""#;

/// Runs `cmd` inside `dbus-run-session` with gnome-keyring's Secret Service started and its
/// default "login" collection unlocked, so a Secret Service client can create and read items
/// without a prompt. The command sees `DBUS_SESSION_BUS_ADDRESS`, the sandbox environment
/// (its own env settings win) and a null stdin. Items persist in the sandbox across calls.
pub fn in_keyring_session(sandbox: &Sandbox, cmd: &mut Command) -> Output {
    static SESSION: AtomicU32 = AtomicU32::new(0);
    let n = SESSION.fetch_add(1, Ordering::Relaxed);
    let runtime = sandbox
        .root
        .path()
        .join(format!("run-{}-{n}", std::process::id()));
    let mut outer = sandbox.command("dbus-run-session");
    outer
        .args(["--", "sh", "-c", SCRIPT, "sh"])
        .arg(cmd.get_program())
        .args(cmd.get_args());
    outer.env("XDG_RUNTIME_DIR", runtime);
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => outer.env(k, v),
            None => outer.env_remove(k),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        outer.current_dir(dir);
    }
    outer
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run dbus-run-session (apt-get install dbus gnome-keyring): {e}")
        })
}
