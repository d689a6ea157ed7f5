//! One process per blog: opening a blog takes an exclusive lock that another Inkstone window
//! (another process) on the same blog cannot get, so two processes never write one blog. The
//! lock lives outside the blog (nothing is written into the user's repository), in the user's
//! runtime folder, and goes away with the process that holds it, a crash included (the OS
//! drops the lock with the file handle).

use std::fs::{File, OpenOptions};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use crate::error::CommandError;

/// Where the locks of this user's blogs live: `$XDG_RUNTIME_DIR/inkstone` (private to the
/// user), else a per-user folder in the temp dir.
fn lock_dir() -> PathBuf {
    if let Some(run) = std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(run).join("inkstone");
    }
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "user".into());
    std::env::temp_dir().join(format!("inkstone-{user}"))
}

/// The lock file of the blog at `root` (canonical): one per blog, named by its path's hash.
fn lock_file(root: &Path) -> PathBuf {
    let mut h = fnv::FnvHasher::default();
    h.write(root.to_string_lossy().as_bytes());
    lock_dir().join(format!("{:016x}.lock", h.finish()))
}

/// The held lock of one open blog; dropping it lets another process open the blog.
#[derive(Debug)]
pub struct BlogLock {
    root: PathBuf,
    _file: File,
}

impl BlogLock {
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Takes the lock of `root`, or says that another Inkstone has the blog open.
    pub fn take(root: &Path) -> Result<BlogLock, CommandError> {
        let path = lock_file(root);
        let io = |e: std::io::Error| {
            CommandError::new("io", format!("cannot lock {}: {e}", path.display()))
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(BlogLock {
                root: root.to_path_buf(),
                _file: file,
            }),
            Err(std::fs::TryLockError::WouldBlock) => Err(CommandError::new(
                "blog_in_use",
                format!(
                    "{} is open in another Inkstone window: edit it there (two windows writing one blog would overwrite each other)",
                    root.display()
                ),
            )),
            Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("blog");
        let first = BlogLock::take(&root).unwrap();
        let err = BlogLock::take(&root).unwrap_err();
        assert_eq!(err.code, "blog_in_use");
        assert!(
            err.message.contains("another Inkstone window"),
            "{}",
            err.message
        );
        // Another blog is another lock.
        let other = BlogLock::take(&dir.path().join("other")).unwrap();
        drop(first);
        let again = BlogLock::take(&root).unwrap();
        assert_eq!(again.root(), root);
        drop(other);
    }
}
