//! The one error type of inkstone-git: every way publishing can fail, each with what to do next.

use std::path::PathBuf;

/// What went wrong, in words a blogger can act on. `code()` is stable for the app.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "{0} is not inside a git repository: run `git init` there, or clone your GitHub Pages repository"
    )]
    NotARepo(PathBuf),
    #[error(
        "HEAD is detached at {0}: check out a branch (for example `git switch main`) before publishing"
    )]
    Detached(String),
    #[error(
        "a {0} is in progress in this repository: finish or abort it with git before publishing"
    )]
    Busy(String),
    #[error(
        "{0} exists: another git program is working in this repository, or one crashed; \
         if none is running, delete that file and publish again"
    )]
    Locked(PathBuf),
    #[error(
        "this repository has no remote to publish to: add one with `git remote add origin <url>`"
    )]
    NoRemote,
    #[error(
        "no author is set for commits: set your name and e-mail (git config user.name / user.email)"
    )]
    NoIdentity,
    #[error(
        "no token for {host}: enter a GitHub personal access token (it is kept in the system keychain)"
    )]
    TokenNeeded { host: String },
    #[error("authentication failed for {host} — re-enter your token")]
    AuthFailed { host: String },
    #[error(
        "the token for {host} is not sent over plain http: change the remote to its https:// address"
    )]
    InsecureToken { host: String },
    #[error(
        "SSH authentication to {host} failed: no key was accepted (tried {tried}); \
         add your key to ssh-agent or to the server"
    )]
    SshAuthFailed { host: String, tried: String },
    #[error("the SSH key {} is protected by a passphrase: enter it, or add the key to ssh-agent", key.display())]
    PassphraseNeeded { key: PathBuf },
    #[error("the passphrase for the SSH key {} is wrong", key.display())]
    WrongPassphrase { key: PathBuf },
    #[error(
        "{host} is not a known SSH host (its {key_type} key is {fingerprint}): \
         check the fingerprint with the host's documentation, then trust it"
    )]
    UnknownHost {
        host: String,
        key_type: String,
        fingerprint: String,
        /// The known_hosts line that trusting the host appends.
        line: String,
    },
    #[error(
        "the SSH host key of {host} has CHANGED (now {fingerprint}) — this can mean an attack; \
         publishing stopped. If the host really changed its key, fix {}", known_hosts.display()
    )]
    HostKeyChanged {
        host: String,
        fingerprint: String,
        known_hosts: PathBuf,
    },
    #[error(
        "the remote changed the same lines as your commit in: {}. Nothing was changed here; \
         merge with git, then publish again", files.join(", ")
    )]
    Conflict { files: Vec<String> },
    #[error("the server refused the push of {refname}: {message}")]
    Rejected { refname: String, message: String },
    #[error("the remote moved while publishing; publish again")]
    RemoteMoved,
    #[error(
        "could not reach {url}: {message}. Your commit is kept here; publish again when the connection is back"
    )]
    Network { url: String, message: String },
    #[error("{path}: {message}")]
    Worktree { path: String, message: String },
    #[error("git: {0}")]
    Git(#[from] git2::Error),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("keychain: {0}")]
    Keychain(String),
    #[error(
        "{} is not empty: clone into a new folder (or an empty one)", .0.display()
    )]
    TargetNotEmpty(PathBuf),
    #[error("the remote has no branch {0}")]
    NoBranch(String),
    #[error(
        "could not clone {url}: {message}. Nothing was kept; clone again when the connection is back"
    )]
    CloneFailed { url: String, message: String },
}

impl Error {
    /// A stable identifier for the app, which offers the next step (enter a token, trust a host…).
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotARepo(_) => "not_a_repo",
            Error::Detached(_) => "detached_head",
            Error::Busy(_) => "repo_busy",
            Error::Locked(_) => "index_locked",
            Error::NoRemote => "no_remote",
            Error::NoIdentity => "no_identity",
            Error::TokenNeeded { .. } => "token_needed",
            Error::AuthFailed { .. } => "auth_failed",
            Error::InsecureToken { .. } => "insecure_token",
            Error::SshAuthFailed { .. } => "ssh_auth_failed",
            Error::PassphraseNeeded { .. } => "passphrase_needed",
            Error::WrongPassphrase { .. } => "wrong_passphrase",
            Error::UnknownHost { .. } => "unknown_host",
            Error::HostKeyChanged { .. } => "host_key_changed",
            Error::Conflict { .. } => "conflict",
            Error::Rejected { .. } => "push_rejected",
            Error::RemoteMoved => "remote_moved",
            Error::Network { .. } => "network",
            Error::Worktree { .. } => "worktree",
            Error::Git(_) => "git",
            Error::Io { .. } => "io",
            Error::Keychain(_) => "keychain",
            Error::TargetNotEmpty(_) => "target_not_empty",
            Error::NoBranch(_) => "no_branch",
            Error::CloneFailed { .. } => "network",
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
