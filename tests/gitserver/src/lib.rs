//! Real git servers for tests of publishing: a sandboxed git environment, smart HTTP(S)
//! through lighttpd + git-http-backend, SSH through Debian's sshd, an ssh-agent and a
//! private gnome-keyring Secret Service. Everything listens on 127.0.0.1 only.
//!
//! Needs the Debian packages `git lighttpd lighttpd-mod-openssl openssl openssh-server
//! openssh-client gnome-keyring dbus libsecret-tools` (the last one only for the smoke test).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod github;
mod http;
mod keyring;
mod sandbox;
mod ssh;

pub use github::{GitHubStub, Poll, RunScript, Scenario, Site, SitePages};
pub use http::{HttpOptions, HttpServer};
pub use keyring::in_keyring_session;
pub use sandbox::Sandbox;
pub use ssh::{SshAgent, SshServer, user_key};

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

/// A port that was free a moment ago on 127.0.0.1.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local_addr").port()
}

/// Waits up to 10 s until `port` accepts connections; panics with the log files if the
/// server exits or never listens.
fn wait_for_port(what: &str, child: &mut Child, port: u16, logs: &[&Path]) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            panic!("{what} exited with {status} before listening{}", dump(logs));
        }
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if Instant::now() > deadline {
            panic!(
                "{what} did not listen on 127.0.0.1:{port} within 10 s{}",
                dump(logs)
            );
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The contents of the log files, for panic messages.
fn dump(logs: &[&Path]) -> String {
    logs.iter()
        .map(|p| {
            format!(
                "\n--- {} ---\n{}",
                p.display(),
                std::fs::read_to_string(p).unwrap_or_default()
            )
        })
        .collect()
}

/// Runs a command to completion and panics with its stderr if it fails.
fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    if !out.status.success() {
        panic!(
            "{cmd:?} failed with {}\nstdout:\n{}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    out
}

/// Writes an executable (0755) script.
fn write_script(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod 755");
}

/// Quotes a string for /bin/sh.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Kills a child process (if still running) and reaps it.
fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Copies a folder tree (a fixture blog into a test's temp dir).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("dir entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("file type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}
