//! One process per blog: the app holds an exclusive lock on the blog it has open, and every
//! command-line command that writes takes it for as long as it writes, so two processes never
//! write one blog (two `tags rename` at once would each undo part of the other). The lock
//! lives outside the blog (nothing is written into the user's repository), in the user's
//! runtime folder, and goes away with the process that holds it, a crash included (the OS
//! drops the lock with the file handle).

use std::fs::{File, OpenOptions};
use std::hash::Hasher;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};

use crate::{Error, Result};

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

/// Creates the lock folder readable by this user only, and refuses one that is a symlink (in
/// a shared temp dir another user could plant one).
fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    if std::fs::symlink_metadata(dir)?.file_type().is_symlink() {
        return Err(std::io::Error::other("the lock folder is a symlink"));
    }
    Ok(())
}

/// The lock file of the blog at `root` (canonical): one per blog, named by its path's hash.
fn lock_file(root: &Path) -> PathBuf {
    let mut h = fnv::FnvHasher::default();
    h.write(root.to_string_lossy().as_bytes());
    lock_dir().join(format!("{:016x}.lock", h.finish()))
}

/// The held lock of one blog; when the last holder in this process drops it, another process
/// may take it. Within one process it is shared (the app holds its open blog's lock, and a tag
/// rename it runs takes the same lock again).
#[derive(Debug, Clone)]
pub struct BlogLock {
    root: PathBuf,
    _file: Arc<File>,
}

/// The locks this process holds, by blog: taking one again shares it instead of locking the
/// file a second time (which the OS would refuse, even to the same process).
fn held() -> &'static Mutex<HashMap<PathBuf, Weak<File>>> {
    static HELD: OnceLock<Mutex<HashMap<PathBuf, Weak<File>>>> = OnceLock::new();
    HELD.get_or_init(Mutex::default)
}

impl BlogLock {
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Waits up to `patience` for the lock of `root` (another command's write ends soon; an
    /// open app window does not), then says who has it.
    pub fn wait(root: &Path, patience: Duration) -> Result<BlogLock> {
        let until = Instant::now() + patience;
        loop {
            match Self::take(root) {
                // An app window keeps its blog for as long as it is open: no point waiting.
                Err(Error::InUse { by, .. }) if by.starts_with(APP) => {
                    return Err(Error::InUse {
                        root: root.to_path_buf(),
                        by,
                    });
                }
                Err(Error::InUse { .. }) if Instant::now() < until => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                other => return other,
            }
        }
    }

    /// Takes the lock of `root` (canonical), or says that another Inkstone has the blog.
    pub fn take(root: &Path) -> Result<BlogLock> {
        let mut held = held()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(file) = held.get(root).and_then(Weak::upgrade) {
            return Ok(BlogLock {
                root: root.to_path_buf(),
                _file: file,
            });
        }
        let path = lock_file(root);
        let io = |e: std::io::Error| Error::io(&path, e);
        if let Some(dir) = path.parent() {
            make_private_dir(dir).map_err(io)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {
                // Who holds it, for the message another process shows.
                let _ = file.set_len(0);
                let _ = writeln!(file, "{} {}", holder(), std::process::id());
                let file = Arc::new(file);
                held.retain(|_, f| f.strong_count() > 0);
                held.insert(root.to_path_buf(), Arc::downgrade(&file));
                Ok(BlogLock {
                    root: root.to_path_buf(),
                    _file: file,
                })
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                let by = match text.split_whitespace().collect::<Vec<_>>().as_slice() {
                    [name, pid] if *name == APP => {
                        format!("{APP} (the Inkstone window, pid {pid})")
                    }
                    [_, pid] => format!("another inkstone command (pid {pid})"),
                    _ => "another Inkstone".into(),
                };
                Err(Error::InUse {
                    root: root.to_path_buf(),
                    by,
                })
            }
            Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
        }
    }
}

/// The app's program name, as recorded in a lock it holds.
const APP: &str = "inkstone-app";

/// This program's name (`inkstone-app`, `inkstone`).
fn holder() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "inkstone".into())
}

/// How long a write waits for another command's write to the same blog to end.
pub const PATIENCE: Duration = Duration::from_secs(10);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_holder_is_refused_until_it_lets_go_and_this_process_shares_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("blog");
        // Another process: the same file locked through its own handle.
        let path = lock_file(&root);
        make_private_dir(path.parent().unwrap()).unwrap();
        let other = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .unwrap();
        other.try_lock().unwrap();
        let err = BlogLock::take(&root).unwrap_err();
        assert_eq!(err.code(), "blog_in_use");
        assert!(err.to_string().contains("another"), "{err}");
        let start = Instant::now();
        assert!(BlogLock::wait(&root, Duration::from_millis(300)).is_err());
        assert!(start.elapsed() >= Duration::from_millis(300));
        drop(other);
        // Ours now; taking it again in this process shares it.
        let first = BlogLock::take(&root).unwrap();
        let again = BlogLock::wait(&root, Duration::ZERO).unwrap();
        assert_eq!(again.root(), root);
        // Another blog is another lock.
        let _other_blog = BlogLock::take(&dir.path().join("other")).unwrap();
        drop((first, again));
        // Released: another process could take it now.
        let outsider = OpenOptions::new().write(true).open(&path).unwrap();
        outsider.try_lock().unwrap();
    }
}
