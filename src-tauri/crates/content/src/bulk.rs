//! Changes to many files as one operation: all of them or none. The new contents are
//! journaled first; a crash half-way is finished on the next `Blog::open`. Each file is
//! replaced atomically, so every file is at any moment wholly old or wholly new.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lock::{self, BlogLock};
use crate::{Blog, Error, Result, atomic, read_text};

/// One file's contents before and after an operation.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileChange {
    /// Relative to the blog root, `/`-separated.
    pub path: String,
    pub before: String,
    pub after: String,
}

impl FileChange {
    /// The change that undoes this one.
    pub fn reversed(&self) -> FileChange {
        FileChange {
            path: self.path.clone(),
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }
}

/// Where the journal of an unfinished operation lives.
pub fn journal_path(root: &Path) -> PathBuf {
    root.join(".inkstone").join("operation.json")
}

/// `.inkstone/` must be a real folder of the blog: a symlink there (a cloned repository can
/// carry one) would send the journal, and the clean-up of its temp files, elsewhere.
fn check_journal_dir(root: &Path) -> Result<()> {
    match std::fs::symlink_metadata(root.join(".inkstone")) {
        Ok(meta) if !meta.is_dir() => Err(Error::Refused {
            path: ".inkstone".into(),
            reason: "not a folder (a symlink or a file): Inkstone keeps its journal only in a real folder of the blog; remove it",
        }),
        _ => Ok(()),
    }
}

#[derive(Serialize, Deserialize)]
struct Journal {
    changes: Vec<FileChange>,
}

/// Every change's file through the write gate: all of them, or the first refusal.
fn gated(blog: &Blog, changes: &[FileChange]) -> Result<Vec<PathBuf>> {
    changes
        .iter()
        .map(|c| blog.writable(&c.path).map(|p| blog.file(&p)))
        .collect()
}

/// Applies every change, or none when any file no longer holds its `before` text or any path
/// is refused by the gate.
pub fn apply(blog: &Blog, changes: &[FileChange]) -> Result<()> {
    let root = blog.root();
    check_journal_dir(root)?;
    let paths = gated(blog, changes)?;
    // One writer at a time: another process's operation on this blog would share the journal.
    let _lock = BlogLock::wait(root, lock::PATIENCE)?;
    for (path, c) in paths.iter().zip(changes) {
        if read_text(path)? != c.before {
            return Err(Error::Changed(path.clone()));
        }
    }
    if changes.is_empty() {
        return Ok(());
    }
    let journal = journal_path(root);
    if let Some(dir) = journal.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let text = serde_json::to_vec(&Journal {
        changes: changes.to_vec(),
    })
    .map_err(|e| Error::Invalid(e.to_string()))?;
    atomic::write(&journal, &text)?;
    let files: Vec<(&Path, &[u8])> = paths
        .iter()
        .zip(changes)
        .map(|(p, c)| (p.as_path(), c.after.as_bytes()))
        .collect();
    atomic::write_all(&files)?;
    finish(&journal)
}

fn finish(journal: &Path) -> Result<()> {
    std::fs::remove_file(journal).map_err(|e| Error::io(journal, e))?;
    if let Some(dir) = journal.parent() {
        // An empty `.inkstone/` is left to the next operation; removing it is best effort.
        let _ = std::fs::remove_dir(dir);
    }
    Ok(())
}

/// Finishes an operation a crash interrupted: files still old are written new; a file that
/// is neither (edited since) is left alone. Returns how many files were completed.
///
/// The journal is a file in the repository, so a cloned blog can carry one: every path in it
/// goes through the write gate first, and one refusal refuses the whole journal (nothing is
/// written, the journal is left for the user to look at).
pub fn recover(blog: &Blog) -> Result<usize> {
    let root = blog.root();
    check_journal_dir(root)?;
    let journal = journal_path(root);
    let Some(dir) = journal.parent() else {
        return Ok(0);
    };
    if !dir.exists() {
        return Ok(0);
    }
    // The operation may still be running in another process: its journal is not ours to
    // finish until it lets go.
    let _lock = BlogLock::wait(root, lock::PATIENCE)?;
    if !dir.exists() {
        return Ok(0);
    }
    // A journal torn while being written is a temp file there: nothing was applied yet.
    remove_temp_files(dir);
    let Ok(bytes) = std::fs::read(&journal) else {
        let _ = std::fs::remove_dir(dir);
        return Ok(0);
    };
    let Ok(Journal { changes }) = serde_json::from_slice::<Journal>(&bytes) else {
        // Torn before it was complete: nothing was written yet (files come after the journal).
        finish(&journal)?;
        return Ok(0);
    };
    let paths = gated(blog, &changes).map_err(|e| {
        Error::Invalid(format!(
            "{}: an unfinished operation was not applied: {e}; if you did not start it (it came with the repository), delete that file",
            journal.display()
        ))
    })?;
    let pending: Vec<(PathBuf, &FileChange)> = paths
        .iter()
        .cloned()
        .zip(&changes)
        .filter(|(path, c)| read_text(path).is_ok_and(|now| now == c.before))
        .collect();
    let files: Vec<(&Path, &[u8])> = pending
        .iter()
        .map(|(p, c)| (p.as_path(), c.after.as_bytes()))
        .collect();
    atomic::write_all(&files)?;
    let completed = files.len();
    // The interrupted process may have left half-written temp files next to its targets.
    let mut dirs: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        remove_temp_files(dir);
    }
    finish(&journal)?;
    Ok(completed)
}

/// Removes `.inkstone-*.tmp` files (see [`atomic::write`]) in `dir`.
fn remove_temp_files(dir: &Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".inkstone-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blog() -> (tempfile::TempDir, Blog) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("blog");
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        std::fs::write(root.join("hugo.toml"), "title = 'T'\n").unwrap();
        std::fs::write(root.join("content/posts/a.md"), "old a").unwrap();
        std::fs::write(root.join("content/posts/b.md"), "old b").unwrap();
        let blog = Blog::open(&root).unwrap();
        (dir, blog)
    }

    fn change(path: &str, before: &str, after: &str) -> FileChange {
        FileChange {
            path: path.into(),
            before: before.into(),
            after: after.into(),
        }
    }

    fn write_journal(root: &Path, changes: &[FileChange]) {
        std::fs::create_dir_all(root.join(".inkstone")).unwrap();
        let journal = Journal {
            changes: changes.to_vec(),
        };
        std::fs::write(journal_path(root), serde_json::to_vec(&journal).unwrap()).unwrap();
    }

    #[test]
    fn all_or_nothing_and_recovery_rolls_forward() {
        let (_dir, blog) = blog();
        let root = blog.root();
        let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
        let changes = vec![
            change("content/posts/a.md", "old a", "new a"),
            change("content/posts/b.md", "stale", "new b"),
        ];
        assert!(matches!(apply(&blog, &changes), Err(Error::Changed(_))));
        assert_eq!(read("content/posts/a.md"), "old a");

        // A crash after the journal and the first file: the next open finishes the rest.
        let changes = vec![
            changes[0].clone(),
            change("content/posts/b.md", "old b", "new b"),
        ];
        write_journal(root, &changes);
        std::fs::write(root.join("content/posts/a.md"), "new a").unwrap();
        assert_eq!(recover(&blog).unwrap(), 1);
        assert_eq!(read("content/posts/b.md"), "new b");
        assert!(!journal_path(root).exists());

        // Undo is the same operation reversed.
        let undo: Vec<FileChange> = changes.iter().map(FileChange::reversed).collect();
        apply(&blog, &undo).unwrap();
        assert_eq!(read("content/posts/b.md"), "old b");
        assert!(!root.join(".inkstone").exists());
    }

    /// A cloned repository can carry `.inkstone/operation.json`: a path in it that leaves the
    /// blog (or names a file Inkstone never writes) refuses the whole journal.
    #[test]
    fn a_journal_from_a_hostile_repository_writes_nothing() {
        let (dir, blog) = blog();
        let root = blog.root();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "original\n").unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/config"), "[core]\n").unwrap();
        for bad in [
            victim.display().to_string(),
            "../victim.txt".to_string(),
            ".git/config".to_string(),
            ".github/workflows/pages.yml".to_string(),
        ] {
            let before = if bad == ".git/config" {
                "[core]\n"
            } else {
                "original\n"
            };
            write_journal(
                root,
                &[
                    change("content/posts/a.md", "old a", "PWNED"),
                    change(&bad, before, "PWNED\n"),
                ],
            );
            let err = recover(&blog).expect_err(&bad).to_string();
            assert!(
                err.contains("not applied") && err.contains("refused"),
                "{bad}: {err}"
            );
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), "original\n");
            assert_eq!(
                std::fs::read_to_string(root.join(".git/config")).unwrap(),
                "[core]\n"
            );
            assert_eq!(
                std::fs::read_to_string(root.join("content/posts/a.md")).unwrap(),
                "old a"
            );
            assert!(journal_path(root).exists(), "left for the user to see");
            // Opening the blog says the same, and still writes nothing.
            let err = Blog::open(root).expect_err(&bad).to_string();
            assert!(err.contains("operation.json"), "{err}");
            // Planned changes go through the same gate.
            let err = apply(&blog, &[change(&bad, before, "x")]).expect_err(&bad);
            assert!(err.to_string().contains("refused"), "{err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_journal_folder_is_refused_and_left_alone() {
        let (dir, blog) = blog();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("operation.json"), "not json").unwrap();
        std::fs::write(elsewhere.join(".inkstone-1.tmp"), "someone's file").unwrap();
        std::os::unix::fs::symlink(&elsewhere, blog.root().join(".inkstone")).unwrap();
        let err = recover(&blog).expect_err("symlinked .inkstone").to_string();
        assert!(
            err.contains(".inkstone") && err.contains("symlink"),
            "{err}"
        );
        let change = change("content/posts/a.md", "old a", "new a");
        assert!(apply(&blog, &[change]).is_err());
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("operation.json")).unwrap(),
            "not json"
        );
        assert!(elsewhere.join(".inkstone-1.tmp").exists());
        assert_eq!(
            std::fs::read_to_string(blog.root().join("content/posts/a.md")).unwrap(),
            "old a"
        );
    }
}
