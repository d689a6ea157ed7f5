//! Getting a blog onto this machine: a clone with progress that never leaves a half-folder
//! behind. It is made in a hidden folder beside the target and moved into place only when
//! complete, so an interrupted clone never looks like a blog: a failure removes the hidden
//! folder, and one that Ctrl-C or a crash left behind is removed by a later clone there once
//! it is an hour old.

use std::path::{Path, PathBuf};

use git2::{AutotagOption, Repository, build::CheckoutBuilder};

use crate::auth::{Auth, Session};
use crate::progress::{OnProgress, Progress};
use crate::{Error, Result};

/// The prefix of the hidden folder a clone is made in (beside the target).
const PARTIAL_PREFIX: &str = ".inkstone-clone-";

/// Removes hidden clone folders in `parent` that an interrupted clone left over an hour ago
/// (a younger one may be another clone at work).
fn sweep(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .file_name()
            .to_string_lossy()
            .starts_with(PARTIAL_PREFIX)
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if stale && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether `dir` may receive a clone: absent, or an empty folder.
fn check_target(dir: &Path) -> Result<()> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::TargetNotEmpty(dir.to_path_buf()));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            Err(Error::TargetNotEmpty(dir.to_path_buf()))
        }
        Err(e) => Err(Error::io(dir, e)),
    }
}

/// Clones `url` into `dir` (absent or empty) with `auth`, checking out `branch` (default: the
/// remote's HEAD). Progress: `Fetching` while objects arrive, `CheckingOut` while files are
/// written. The `origin` remote is `url` and the branch tracks `origin/<branch>`.
pub fn clone(
    url: &str,
    dir: &Path,
    branch: Option<&str>,
    auth: &Auth,
    progress: OnProgress<'_>,
) -> Result<PathBuf> {
    crate::init();
    // `.` and `blog/.` name the folder itself: its parent gets the hidden folder.
    let dir: PathBuf = std::path::absolute(dir)
        .map_err(|e| Error::io(dir, e))?
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    let dir = dir.as_path();
    // A folder named `.git` is a repository's own settings to git: never a clone's home.
    if dir
        .file_name()
        .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(".git"))
    {
        return Err(Error::TargetNotEmpty(dir.to_path_buf()));
    }
    check_target(dir)?;
    let parent = dir
        .parent()
        .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    sweep(&parent);
    // Dropped (and deleted) on any early return.
    let partial = tempfile::Builder::new()
        .prefix(PARTIAL_PREFIX)
        .tempdir_in(&parent)
        .map_err(|e| Error::io(&parent, e))?;
    let repo = Repository::init(partial.path())?;
    let branch = fetch_all(&repo, url, branch, auth, progress)?;
    check_out(&repo, &branch, progress)?;
    drop(repo);

    // Into place. An existing empty folder (perhaps the current one, which cannot be
    // replaced on Windows) receives the clone's entries; otherwise the folder is renamed.
    check_target(dir)?;
    if dir.exists() {
        for entry in std::fs::read_dir(partial.path()).map_err(|e| Error::io(partial.path(), e))? {
            let entry = entry.map_err(|e| Error::io(partial.path(), e))?;
            let to = dir.join(entry.file_name());
            std::fs::rename(entry.path(), &to).map_err(|e| Error::io(&to, e))?;
        }
    } else {
        let finished = partial.keep();
        if let Err(e) = std::fs::rename(&finished, dir) {
            let _ = std::fs::remove_dir_all(&finished);
            return Err(Error::io(dir, e));
        }
    }
    progress(Progress::Done);
    Ok(dir.to_path_buf())
}

/// Fetches every branch of `url` into `origin/*`; returns the branch to check out.
fn fetch_all(
    repo: &Repository,
    url: &str,
    branch: Option<&str>,
    auth: &Auth,
    progress: OnProgress<'_>,
) -> Result<String> {
    let mut remote = repo.remote("origin", url)?;
    let session = Session::new(auth, repo, url);
    let mut options = crate::fetch::options(&session, progress);
    options.download_tags(AutotagOption::All);
    remote
        .fetch(
            &["+refs/heads/*:refs/remotes/origin/*"],
            Some(&mut options),
            Some("inkstone: clone"),
        )
        .map_err(|e| match session.error(e) {
            Error::Network { url, message } => Error::CloneFailed { url, message },
            other => other,
        })?;
    if let Some(b) = branch {
        return Ok(b.to_string());
    }
    // The remote's HEAD names its default branch.
    let heads = remote.list()?;
    let default = heads
        .iter()
        .find(|h| h.name() == "HEAD")
        .and_then(|h| h.symref_target().map(str::to_string))
        .or_else(|| {
            // A server that does not say: the branch HEAD points at by commit.
            let head = heads.iter().find(|h| h.name() == "HEAD")?.oid();
            heads
                .iter()
                .find(|h| h.name().starts_with("refs/heads/") && h.oid() == head)
                .map(|h| h.name().to_string())
        });
    match default {
        Some(name) => Ok(name.trim_start_matches("refs/heads/").to_string()),
        // An empty repository: nothing to check out, the branch will be born on publish.
        None => Ok(String::new()),
    }
}

/// Makes `branch` from `origin/<branch>`, tracking it, and writes its files.
fn check_out(repo: &Repository, branch: &str, progress: OnProgress<'_>) -> Result<()> {
    if branch.is_empty() {
        return Ok(());
    }
    let tracking = format!("refs/remotes/origin/{branch}");
    let commit = repo
        .find_reference(&tracking)
        .map_err(|_| Error::NoBranch(branch.to_string()))?
        .peel_to_commit()?;
    let mut local = repo.branch(branch, &commit, true)?;
    local.set_upstream(Some(&format!("origin/{branch}")))?;
    repo.set_head(&format!("refs/heads/{branch}"))?;
    let mut checkout = CheckoutBuilder::new();
    checkout.force().progress(|_, done, total| {
        progress(Progress::CheckingOut { files: done, total });
    });
    repo.checkout_head(Some(&mut checkout))?;
    Ok(())
}

/// The git config key naming a blog's GitHub repository (`owner/name`) when its `origin` is
/// not on GitHub's host; `inkstone clone` writes it.
pub const GITHUB_REPOSITORY_KEY: &str = "inkstone.githubRepository";

/// The `inkstone.githubRepository` value of the repository holding `blog_root`.
pub fn github_repository(blog_root: &Path) -> Result<Option<String>> {
    crate::init();
    let repo = Repository::discover(blog_root).map_err(|_| Error::NotARepo(blog_root.into()))?;
    let config = repo.config()?;
    Ok(config
        .get_string(GITHUB_REPOSITORY_KEY)
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty()))
}

/// Sets `inkstone.githubRepository` in the repository's own config (`.git/config`).
pub fn set_github_repository(blog_root: &Path, full_name: &str) -> Result<()> {
    crate::init();
    let repo = Repository::discover(blog_root).map_err(|_| Error::NotARepo(blog_root.into()))?;
    let mut config = repo.config()?.open_level(git2::ConfigLevel::Local)?;
    config.set_str(GITHUB_REPOSITORY_KEY, full_name)?;
    Ok(())
}

/// The full id of the commit `name` (a reference, `refs/remotes/origin/main`) points at.
pub fn ref_id(blog_root: &Path, name: &str) -> Result<Option<String>> {
    crate::init();
    let repo = Repository::discover(blog_root).map_err(|_| Error::NotARepo(blog_root.into()))?;
    Ok(repo
        .find_reference(name)
        .ok()
        .and_then(|r| r.peel_to_commit().ok())
        .map(|c| c.id().to_string()))
}

/// The full id of the commit HEAD is on, `None` before the first commit.
pub fn head_id(blog_root: &Path) -> Result<Option<String>> {
    crate::init();
    let repo = Repository::discover(blog_root).map_err(|_| Error::NotARepo(blog_root.into()))?;
    Ok(match repo.head() {
        Ok(h) => h.target().map(|o| o.to_string()),
        Err(_) => None,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_folder_with_anything_in_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_target(&dir.path().join("absent")).is_ok());
        assert!(check_target(dir.path()).is_ok());
        std::fs::write(dir.path().join(".hidden"), "x").unwrap();
        assert!(matches!(
            check_target(dir.path()),
            Err(Error::TargetNotEmpty(_))
        ));
        assert!(matches!(
            check_target(&dir.path().join(".hidden")),
            Err(Error::TargetNotEmpty(_))
        ));
    }

    #[test]
    fn a_clone_into_an_empty_folder_fills_it_even_when_named_dot() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("source");
        let repo = Repository::init(&source).unwrap();
        std::fs::write(source.join("hugo.toml"), "title = 'x'\n").unwrap();
        let mut index = repo.index().unwrap();
        index.add_path(Path::new("hugo.toml")).unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::now("t", "t@example.org").unwrap();
        repo.commit(Some("HEAD"), &sig, &sig, "first", &tree, &[])
            .unwrap();
        let branch = repo.head().unwrap().shorthand().unwrap().to_string();
        let target = dir.path().join("empty");
        std::fs::create_dir(&target).unwrap();
        let url = format!("file://{}", source.display());
        let auth = Auth::standard(None);
        let done = clone(&url, &target.join("."), Some(&branch), &auth, &|_| {}).unwrap();
        assert_eq!(done, target);
        assert!(target.join("hugo.toml").is_file());
        assert!(target.join(".git").is_dir());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
    }

    #[test]
    fn a_clone_that_fails_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("blog");
        let missing = dir.path().join("no-such-repo.git");
        let auth = Auth::standard(None);
        let r = clone(
            &format!("file://{}", missing.display()),
            &target,
            None,
            &auth,
            &|_| {},
        );
        assert!(r.is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
