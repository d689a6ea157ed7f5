//! SSH: Debian's sshd on a free port of 127.0.0.1 with its own config, host key and
//! authorized_keys; user keys made with ssh-keygen; an ssh-agent on a socket in the sandbox.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Sandbox, free_port, kill, run, wait_for_port, write_script};

/// `/usr/sbin/sshd -D -e` on 127.0.0.1, accepting public keys from its own authorized_keys
/// for the current user. Remote git commands get the sandbox's git environment (`SetEnv`).
/// Killed on drop.
pub struct SshServer {
    dir: PathBuf,
    port: u16,
    user: String,
    child: Child,
}

impl SshServer {
    pub fn start(sandbox: &Sandbox) -> SshServer {
        let port = free_port();
        let dir = sandbox.root.path().join(format!("ssh-{port}"));
        std::fs::create_dir_all(&dir).expect("create ssh dir");
        let user = String::from_utf8_lossy(&run(Command::new("id").arg("-un")).stdout)
            .trim()
            .to_string();
        if user == "root" && !Path::new("/run/sshd").exists() {
            // sshd's privilege separation directory, normally made by its systemd unit.
            std::fs::create_dir_all("/run/sshd").expect("create /run/sshd");
        }
        keygen(&dir.join("host_key"), "", "host");
        std::fs::write(dir.join("authorized_keys"), "").expect("authorized_keys");
        let d = dir.display();
        let env: Vec<String> = sandbox
            .env()
            .into_iter()
            .filter(|(k, v)| k.starts_with("GIT_") && !v.is_empty())
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\n\
             AuthorizedKeysFile {d}/authorized_keys\nUsePAM no\nStrictModes no\n\
             PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n\
             PermitRootLogin prohibit-password\nPrintMotd no\nLogLevel VERBOSE\nSetEnv {}\n",
            env.join(" ")
        );
        std::fs::write(dir.join("sshd_config"), config).expect("sshd_config");
        let log = std::fs::File::create(dir.join("sshd.log")).expect("sshd.log");
        let mut child = Command::new("/usr/sbin/sshd")
            .args(["-D", "-e", "-f"])
            .arg(dir.join("sshd_config"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("dup log"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start /usr/sbin/sshd (apt-get install openssh-server): {e}")
            });
        wait_for_port("sshd", &mut child, port, &[&dir.join("sshd.log")]);
        SshServer {
            dir,
            port,
            user,
            child,
        }
    }

    /// `ssh://<user>@127.0.0.1:PORT/<absolute path of bare>`.
    pub fn url(&self, bare: &Path) -> String {
        format!(
            "ssh://{}@127.0.0.1:{}{}",
            self.user,
            self.port,
            bare.display()
        )
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A known_hosts line for this server: `[127.0.0.1]:PORT ssh-ed25519 AAAA...`.
    pub fn host_key_line(&self) -> String {
        let public = std::fs::read_to_string(self.dir.join("host_key.pub")).expect("host_key.pub");
        let key: Vec<&str> = public.split_whitespace().take(2).collect();
        format!("[127.0.0.1]:{} {}", self.port, key.join(" "))
    }

    /// Appends a public key file to the server's authorized_keys.
    pub fn authorize(&self, public_key: &Path) {
        let key = std::fs::read_to_string(public_key).expect("read public key");
        let path = self.dir.join("authorized_keys");
        let mut keys = std::fs::read_to_string(&path).expect("authorized_keys");
        keys += key.trim_end();
        keys += "\n";
        std::fs::write(path, keys).expect("write authorized_keys");
    }

    /// sshd's log (`-e`, LogLevel VERBOSE), for assertion messages.
    pub fn logs(&self) -> String {
        crate::dump(&[&self.dir.join("sshd.log")])
    }
}

impl Drop for SshServer {
    fn drop(&mut self) {
        kill(&mut self.child);
    }
}

fn keygen(path: &Path, passphrase: &str, comment: &str) {
    run(Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", passphrase, "-C", comment, "-f"])
        .arg(path));
}

/// Generates an ed25519 user key `<dir>/<name>`, optionally with a passphrase.
/// Returns (private, public) paths.
pub fn user_key(dir: &Path, name: &str, passphrase: Option<&str>) -> (PathBuf, PathBuf) {
    let private = dir.join(name);
    keygen(&private, passphrase.unwrap_or(""), name);
    (private.clone(), dir.join(format!("{name}.pub")))
}

/// `ssh-agent -D -a <sandbox>/agent-N.sock`; killed on drop. Point clients at it with
/// `SSH_AUTH_SOCK=`[`SshAgent::socket`] (see [`SshAgent::env`]).
pub struct SshAgent {
    socket: PathBuf,
    child: Child,
}

impl SshAgent {
    pub fn start(sandbox: &Sandbox) -> SshAgent {
        let socket = sandbox
            .root
            .path()
            .join(format!("agent-{}.sock", free_port()));
        let mut child = Command::new("ssh-agent")
            .arg("-D")
            .arg("-a")
            .arg(&socket)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start ssh-agent (apt-get install openssh-client): {e}")
            });
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket.exists() {
            if Instant::now() > deadline || child.try_wait().expect("try_wait").is_some() {
                panic!("ssh-agent did not create {}", socket.display());
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        SshAgent { socket, child }
    }

    /// `ssh-add <key>` (a key without passphrase).
    pub fn add(&self, key: &Path) {
        run(Command::new("ssh-add")
            .arg(key)
            .env("SSH_AUTH_SOCK", &self.socket)
            .env("SSH_ASKPASS_REQUIRE", "never"));
    }

    /// `ssh-add <key>`, answering the passphrase prompt through an SSH_ASKPASS script.
    pub fn add_with_passphrase(&self, key: &Path, passphrase: &str) {
        let askpass = self.socket.with_extension("askpass");
        write_script(
            &askpass,
            &format!(
                "#!/bin/sh\nprintf '%s\\n' {}\n",
                crate::sh_quote(passphrase)
            ),
        );
        run(Command::new("ssh-add")
            .arg(key)
            .env("SSH_AUTH_SOCK", &self.socket)
            .env("SSH_ASKPASS", &askpass)
            .env("SSH_ASKPASS_REQUIRE", "force")
            .stdin(Stdio::null()));
    }

    pub fn socket(&self) -> PathBuf {
        self.socket.clone()
    }

    /// `[("SSH_AUTH_SOCK", socket)]`.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![("SSH_AUTH_SOCK".into(), self.socket.display().to_string())]
    }
}

impl Drop for SshAgent {
    fn drop(&mut self) {
        kill(&mut self.child);
    }
}
