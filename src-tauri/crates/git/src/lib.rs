//! inkstone-git: publishing a blog repository through libgit2 — what changed, the commit,
//! the remote's new commits, the push — with credentials that never wait on a terminal.

mod auth;
mod clone;
mod commit;
mod endpoint;
mod error;
mod fetch;
mod integrate;
mod known_hosts;
mod pages;
mod progress;
mod publish;
mod push;
mod status;

pub use auth::{Auth, Keychain, TokenSource, is_encrypted, redact};
pub use clone::{
    GITHUB_REPOSITORY_KEY, clone, github_repository, head_id, ref_id, set_github_repository,
};
pub use commit::{set_identity, signature};
pub use endpoint::{Endpoint, Scheme};
pub use error::{Error, Result};
pub use pages::{Deploy, detect as detect_deploy, site_url};
pub use progress::{OnProgress, Progress};
pub use publish::{Options, Outcome, Plan, plan, publish};
pub use status::{Change, ChangeKind, changes};

/// Seconds to wait for a server to accept a connection, and for any answer once connected.
pub const CONNECT_TIMEOUT_MS: i32 = 15_000;
pub const IO_TIMEOUT_MS: i32 = 60_000;

/// Prepares libgit2 for the process: network timeouts so that a dead server fails instead of
/// hanging. Runs once; every entry point of this crate calls it first, so a caller may also
/// start it early on a thread of its own (the app does, to keep it off its start-up path).
#[allow(unsafe_code)]
pub fn init() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: libgit2's global options are not synchronised. `Once` runs this before any git
    // call of this crate can proceed (they all come through here), and nothing else in the
    // process uses git.
    ONCE.call_once(|| unsafe {
        let _ = git2::opts::set_server_connect_timeout_in_milliseconds(CONNECT_TIMEOUT_MS);
        let _ = git2::opts::set_server_timeout_in_milliseconds(IO_TIMEOUT_MS);
    });
}

/// The keychain account for a remote URL (`github.com`, or `host:port`).
pub fn token_host(remote_url: &str) -> String {
    Endpoint::parse(remote_url).host_key()
}

/// The working folder of the repository holding `blog_root` (where `.github/` goes).
pub fn workdir(blog_root: &std::path::Path) -> Result<std::path::PathBuf> {
    init();
    let repo =
        git2::Repository::discover(blog_root).map_err(|_| Error::NotARepo(blog_root.into()))?;
    repo.workdir()
        .map(std::path::Path::to_path_buf)
        .ok_or_else(|| Error::NotARepo(blog_root.into()))
}

/// The identity the repository of `blog_root` commits with, `None` when none is configured.
pub fn identity(blog_root: &std::path::Path) -> Result<Option<(String, String)>> {
    init();
    let repo =
        git2::Repository::discover(blog_root).map_err(|_| Error::NotARepo(blog_root.into()))?;
    match signature(&repo) {
        Ok(sig) => Ok(Some((
            sig.name().unwrap_or_default().to_string(),
            sig.email().unwrap_or_default().to_string(),
        ))),
        Err(Error::NoIdentity) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Saves the commit author in the repository of `blog_root`.
pub fn save_identity(blog_root: &std::path::Path, name: &str, email: &str) -> Result<()> {
    init();
    let repo =
        git2::Repository::discover(blog_root).map_err(|_| Error::NotARepo(blog_root.into()))?;
    set_identity(&repo, name, email)
}

/// Records a file moved inside the blog in git's index, like `git mv`, so its history
/// follows: only when the old path was tracked. Returns whether anything was recorded.
pub fn record_move(blog_root: &std::path::Path, from: &str, to: &str) -> Result<bool> {
    init();
    let Ok(repo) = git2::Repository::discover(blog_root) else {
        return Ok(false);
    };
    let Some(workdir) = repo.workdir() else {
        return Ok(false);
    };
    let canon = |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let prefix = canon(blog_root)
        .strip_prefix(canon(workdir))
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let (from, to) = (prefix.join(from), prefix.join(to));
    let mut index = repo.index()?;
    if index.get_path(&from, 0).is_none() {
        return Ok(false);
    }
    index.remove_path(&from)?;
    index.add_path(&to)?;
    index.write()?;
    Ok(true)
}
