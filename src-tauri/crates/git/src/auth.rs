//! Credentials for fetch and push: git's credential helpers, the keychain token, ssh-agent and
//! `~/.ssh` keys, each tried once, and SSH host keys checked before anything is sent.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;

use base64::Engine;
use git2::{CertificateCheckStatus, Cred, CredentialType, RemoteCallbacks, Repository};

use crate::endpoint::{Endpoint, Scheme};
use crate::known_hosts::{self, HostCheck};
use crate::{Error, Result};

/// Where personal access tokens come from (the OS keychain in the app and the CLI).
pub trait TokenSource {
    /// The token saved for `host` (`github.com`, or `host:port`).
    fn token(&self, host: &str) -> Option<String>;
}

/// What a publish may use to log in. Nothing here ever waits on a terminal.
pub struct Auth {
    pub tokens: Option<Box<dyn TokenSource + Send + Sync>>,
    /// `~/.ssh`: private keys and the user's known_hosts.
    pub ssh_dir: Option<PathBuf>,
    /// known_hosts files to check, the first one receives newly trusted hosts.
    pub known_hosts: Vec<PathBuf>,
    /// The passphrase of an SSH key, asked by the app after `PassphraseNeeded`.
    pub passphrase: Option<String>,
    /// A host key fingerprint the user has just accepted (after `UnknownHost`).
    pub trust_fingerprint: Option<String>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print a secret.
        f.debug_struct("Auth")
            .field("ssh_dir", &self.ssh_dir)
            .field("passphrase", &self.passphrase.as_ref().map(|_| "…"))
            .finish_non_exhaustive()
    }
}

impl Auth {
    /// The user's own setup: `~/.ssh`, `~/.ssh/known_hosts` and the system-wide file.
    pub fn standard(tokens: Option<Box<dyn TokenSource + Send + Sync>>) -> Auth {
        let ssh_dir = std::env::home_dir().map(|h| h.join(".ssh"));
        let mut known_hosts: Vec<PathBuf> = ssh_dir.iter().map(|d| d.join("known_hosts")).collect();
        if cfg!(unix) {
            known_hosts.push(PathBuf::from("/etc/ssh/ssh_known_hosts"));
        } else if let Some(pd) = std::env::var_os("ProgramData") {
            known_hosts.push(PathBuf::from(pd).join("ssh").join("ssh_known_hosts"));
        }
        Auth {
            tokens,
            ssh_dir,
            known_hosts,
            passphrase: None,
            trust_fingerprint: None,
        }
    }
}

/// One network operation's login attempts: each way is tried once, then it fails with a reason.
pub(crate) struct Session<'a> {
    auth: &'a Auth,
    repo: &'a Repository,
    pub(crate) url: String,
    endpoint: Endpoint,
    failure: RefCell<Option<Error>>,
    helper_tried: Cell<bool>,
    token_tried: Cell<bool>,
    had_token: Cell<bool>,
    agent_tried: Cell<bool>,
    next_key: Cell<usize>,
    tried: RefCell<Vec<String>>,
    last_key: RefCell<Option<PathBuf>>,
}

impl<'a> Session<'a> {
    pub(crate) fn new(auth: &'a Auth, repo: &'a Repository, url: &str) -> Session<'a> {
        Session {
            auth,
            repo,
            url: url.to_string(),
            endpoint: Endpoint::parse(url),
            failure: RefCell::new(None),
            helper_tried: Cell::new(false),
            token_tried: Cell::new(false),
            had_token: Cell::new(false),
            agent_tried: Cell::new(false),
            next_key: Cell::new(0),
            tried: RefCell::new(Vec::new()),
            last_key: RefCell::new(None),
        }
    }

    /// Callbacks with credentials and the host-key check installed, for one connection:
    /// each way of logging in gets one try on it.
    pub(crate) fn callbacks<'s>(&'s self) -> RemoteCallbacks<'s> {
        self.helper_tried.set(false);
        self.token_tried.set(false);
        self.had_token.set(false);
        self.agent_tried.set(false);
        self.next_key.set(0);
        self.tried.borrow_mut().clear();
        *self.last_key.borrow_mut() = None;
        *self.failure.borrow_mut() = None;
        let mut cb = RemoteCallbacks::new();
        cb.credentials(move |url, user, allowed| self.credentials(url, user, allowed));
        cb.certificate_check(move |cert, host| self.check_certificate(cert, host));
        cb
    }

    fn fail(&self, error: Error) -> git2::Error {
        let message = error.to_string();
        *self.failure.borrow_mut() = Some(error);
        git2::Error::from_str(&message)
    }

    fn credentials(
        &self,
        url: &str,
        user_from_url: Option<&str>,
        allowed: CredentialType,
    ) -> std::result::Result<Cred, git2::Error> {
        if allowed.contains(CredentialType::USERNAME) {
            return Cred::username(user_from_url.unwrap_or("git"));
        }
        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT) {
            if !self.helper_tried.replace(true)
                && let Ok(config) = self.repo.config()
                && let Ok(cred) = Cred::credential_helper(&config, url, user_from_url)
            {
                return Ok(cred);
            }
            // The token of the host libgit2 is talking to now (after a redirect too), and only
            // over HTTPS: a plain-http remote would hand it to anyone on the way.
            let target = Endpoint::parse(url);
            let host = target.host_key();
            if !self.token_tried.replace(true)
                && let Some(token) = self.auth.tokens.as_ref().and_then(|t| t.token(&host))
            {
                let token = Secret(token);
                if !token_may_go_to(&target) {
                    return Err(self.fail(Error::InsecureToken { host }));
                }
                self.had_token.set(true);
                return Cred::userpass_plaintext(
                    user_from_url.unwrap_or("x-access-token"),
                    &token.0,
                );
            }
            return Err(self.fail(if self.had_token.get() {
                Error::AuthFailed { host }
            } else {
                Error::TokenNeeded { host }
            }));
        }
        if allowed.contains(CredentialType::SSH_KEY) {
            let user = user_from_url.unwrap_or("git");
            if !self.agent_tried.replace(true) && agent_available() {
                self.tried.borrow_mut().push("ssh-agent".into());
                return Cred::ssh_key_from_agent(user);
            }
            let keys = self.key_files();
            let mut locked = None;
            while self.next_key.get() < keys.len() {
                let key = keys[self.next_key.get()].clone();
                self.next_key.set(self.next_key.get() + 1);
                let encrypted = is_encrypted(&key);
                if encrypted && self.auth.passphrase.is_none() {
                    locked.get_or_insert(key);
                    continue;
                }
                self.tried.borrow_mut().push(key.display().to_string());
                *self.last_key.borrow_mut() = encrypted.then(|| key.clone());
                let pass = if encrypted {
                    self.auth.passphrase.as_deref()
                } else {
                    None
                };
                return Cred::ssh_key(user, None, &key, pass);
            }
            if let Some(key) = locked {
                return Err(self.fail(Error::PassphraseNeeded { key }));
            }
            let tried = self.tried.borrow();
            let tried = if tried.is_empty() {
                "no key found in ~/.ssh".into()
            } else {
                tried.join(", ")
            };
            return Err(self.fail(Error::SshAuthFailed {
                host: self.endpoint.host_key(),
                tried,
            }));
        }
        Err(self.fail(Error::AuthFailed {
            host: self.endpoint.host_key(),
        }))
    }

    fn key_files(&self) -> Vec<PathBuf> {
        let Some(dir) = &self.auth.ssh_dir else {
            return Vec::new();
        };
        ["id_ed25519", "id_ecdsa", "id_rsa"]
            .iter()
            .map(|n| dir.join(n))
            .filter(|p| p.is_file())
            .collect()
    }

    fn check_certificate(
        &self,
        cert: &git2::cert::Cert<'_>,
        host: &str,
    ) -> std::result::Result<CertificateCheckStatus, git2::Error> {
        let Some(hostkey) = cert.as_hostkey() else {
            // TLS: the system's (or SSL_CERT_FILE's) CAs decide, as for every HTTPS client.
            return Ok(CertificateCheckStatus::CertificatePassthrough);
        };
        let (Some(key), Some(kind)) = (hostkey.hostkey(), hostkey.hostkey_type()) else {
            return Err(self.fail(Error::SshAuthFailed {
                host: host.into(),
                tried: "the server sent no usable host key".into(),
            }));
        };
        let port = if self.endpoint.scheme == Scheme::Ssh {
            self.endpoint.port
        } else {
            22
        };
        let name = known_hosts::host_name(host, port);
        let fingerprint = known_hosts::fingerprint(key);
        match known_hosts::check(&self.auth.known_hosts, host, port, kind.name(), key) {
            HostCheck::Known => Ok(CertificateCheckStatus::CertificateOk),
            HostCheck::Changed { file } => Err(self.fail(Error::HostKeyChanged {
                host: name,
                fingerprint,
                known_hosts: file,
            })),
            HostCheck::Unknown => {
                let line = known_hosts::line(host, port, kind.name(), key);
                if self.auth.trust_fingerprint.as_deref() == Some(fingerprint.as_str())
                    && let Some(file) = self.auth.known_hosts.first()
                {
                    known_hosts::append(file, &line).map_err(|e| self.fail(e))?;
                    return Ok(CertificateCheckStatus::CertificateOk);
                }
                Err(self.fail(Error::UnknownHost {
                    host: name,
                    key_type: kind.short_name().to_string(),
                    fingerprint,
                    line,
                }))
            }
        }
    }

    /// Our reason for a failed operation when we have one, else the transport's.
    pub(crate) fn error(&self, e: git2::Error) -> Error {
        if let Some(reason) = self.failure.borrow_mut().take() {
            return reason;
        }
        if let Some(key) = self.last_key.borrow().clone()
            && e.class() == git2::ErrorClass::Ssh
            && (e.message().contains("passphrase") || e.message().contains("private key"))
        {
            return Error::WrongPassphrase { key };
        }
        match e.class() {
            git2::ErrorClass::Net
            | git2::ErrorClass::Http
            | git2::ErrorClass::Ssl
            | git2::ErrorClass::Ssh
            | git2::ErrorClass::Os => Error::Network {
                url: redact(&self.url),
                message: e.message().to_string(),
            },
            _ => Error::Git(e),
        }
    }
}

/// ssh-agent is reachable: `SSH_AUTH_SOCK` on Unix, Pageant / the OpenSSH agent pipe on Windows.
fn agent_available() -> bool {
    cfg!(windows) || std::env::var_os("SSH_AUTH_SOCK").is_some_and(|s| !s.is_empty())
}

/// Whether a private key file needs a passphrase (OpenSSH and PEM formats).
pub fn is_encrypted(key: &std::path::Path) -> bool {
    let Ok(text) = std::fs::read_to_string(key) else {
        return false;
    };
    if text.contains("ENCRYPTED") {
        return true;
    }
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(body.trim()) else {
        return false;
    };
    // "openssh-key-v1\0", then the cipher name as a length-prefixed string.
    let Some(rest) = bytes.strip_prefix(b"openssh-key-v1\0") else {
        return false;
    };
    let Some(len) = rest
        .get(..4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    else {
        return false;
    };
    rest.get(4..4 + len).is_some_and(|cipher| cipher != b"none")
}

/// A URL without any password in it, for messages and logs.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        // Any user-info is hidden: a token is as often written as the user name
        // (`https://ghp_x@github.com/…`) as the password.
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let _ = u.set_password(None);
            let _ = u.set_username("***");
            u.to_string()
        }
        Ok(_) => url.to_string(),
        // Not a URL libgit2 would read as one (scp-like `git@host:path` has no secret).
        Err(_) => url.to_string(),
    }
}

/// Whether a token may be sent to `target`: over HTTPS, or plain HTTP to this machine only
/// (a loopback server in tests never leaves it).
pub fn token_may_go_to(target: &Endpoint) -> bool {
    match target.scheme {
        Scheme::Https => true,
        Scheme::Http => {
            target.host.eq_ignore_ascii_case("localhost")
                || target
                    .host
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        _ => false,
    }
}

/// A secret string that is overwritten with zeros when dropped.
struct Secret(String);

impl Drop for Secret {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// Tokens in the OS keychain: Secret Service on Linux, Keychain on macOS, Credential Manager
/// on Windows — one entry per host under the service `inkstone`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Keychain;

const SERVICE: &str = "inkstone";

impl Keychain {
    fn entry(host: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, host).map_err(|e| Error::Keychain(e.to_string()))
    }

    /// Saves (or replaces) the token for `host`.
    pub fn save(host: &str, token: &str) -> Result<()> {
        let token = token.trim();
        if token.is_empty() {
            return Err(Error::Keychain("the token is empty".into()));
        }
        Self::entry(host)?
            .set_password(token)
            .map_err(|e| Error::Keychain(e.to_string()))
    }

    /// The token for `host`, `None` when there is none (or no keychain).
    pub fn load(host: &str) -> Result<Option<String>> {
        match Self::entry(host)?.get_password() {
            Ok(t) => Ok(Some(t)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(Error::Keychain(e.to_string())),
        }
    }

    /// Forgets the token for `host`; forgetting a missing one is fine.
    pub fn delete(host: &str) -> Result<()> {
        match Self::entry(host)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(Error::Keychain(e.to_string())),
        }
    }
}

impl TokenSource for Keychain {
    fn token(&self, host: &str) -> Option<String> {
        Keychain::load(host).ok().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_user_info_part_of_a_url_is_hidden() {
        for (url, shown) in [
            (
                "https://ghp_secret@github.com/o/r.git",
                "https://***@github.com/o/r.git",
            ),
            (
                "https://user:ghp_secret@github.com/o/r.git",
                "https://***@github.com/o/r.git",
            ),
            (
                "https://x-access-token:t0k3n@example.com:8443/r",
                "https://***@example.com:8443/r",
            ),
            ("https://github.com/o/r.git", "https://github.com/o/r.git"),
            ("git@github.com:o/r.git", "git@github.com:o/r.git"),
        ] {
            assert_eq!(redact(url), shown, "{url}");
            assert!(!redact(url).contains("secret") && !redact(url).contains("t0k3n"));
        }
    }

    #[test]
    fn a_token_goes_over_https_or_to_this_machine_only() {
        for ok in [
            "https://github.com/o/r.git",
            "https://ghe.example.com:8443/o/r.git",
            "http://localhost:8080/git/r.git",
            "http://127.0.0.1:9000/r.git",
            "http://[::1]:9000/r.git",
        ] {
            assert!(token_may_go_to(&Endpoint::parse(ok)), "{ok}");
        }
        for bad in [
            "http://github.com/o/r.git",
            "http://192.168.1.10/r.git",
            "http://localhost.evil.example/r.git",
            "git://github.com/o/r.git",
            "ssh://git@github.com/o/r.git",
            "file:///tmp/r.git",
        ] {
            assert!(!token_may_go_to(&Endpoint::parse(bad)), "{bad}");
        }
    }
}
