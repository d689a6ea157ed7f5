//! Changes to many files as one operation: all of them or none. The new contents are
//! journaled first; a crash half-way is finished on the next `Blog::open`. Each file is
//! replaced atomically, so every file is at any moment wholly old or wholly new.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Result, atomic, read_text};

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

#[derive(Serialize, Deserialize)]
struct Journal {
    changes: Vec<FileChange>,
}

/// Applies every change, or none when any file no longer holds its `before` text.
pub fn apply(root: &Path, changes: &[FileChange]) -> Result<()> {
    for c in changes {
        let path = root.join(&c.path);
        if read_text(&path)? != c.before {
            return Err(Error::Changed(path));
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
    let paths: Vec<PathBuf> = changes.iter().map(|c| root.join(&c.path)).collect();
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
pub fn recover(root: &Path) -> Result<usize> {
    let journal = journal_path(root);
    let Some(dir) = journal.parent() else {
        return Ok(0);
    };
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
    let pending: Vec<(PathBuf, &FileChange)> = changes
        .iter()
        .map(|c| (root.join(&c.path), c))
        .filter(|(path, c)| read_text(path).is_ok_and(|now| now == c.before))
        .collect();
    let files: Vec<(&Path, &[u8])> = pending
        .iter()
        .map(|(p, c)| (p.as_path(), c.after.as_bytes()))
        .collect();
    atomic::write_all(&files)?;
    let completed = files.len();
    // The interrupted process may have left half-written temp files next to its targets.
    let mut dirs: Vec<PathBuf> = changes
        .iter()
        .filter_map(|c| root.join(&c.path).parent().map(Path::to_path_buf))
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

    #[test]
    fn all_or_nothing_and_recovery_rolls_forward() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.md"), "old a").unwrap();
        std::fs::write(root.join("b.md"), "old b").unwrap();
        let changes = vec![
            FileChange {
                path: "a.md".into(),
                before: "old a".into(),
                after: "new a".into(),
            },
            FileChange {
                path: "b.md".into(),
                before: "stale".into(),
                after: "new b".into(),
            },
        ];
        assert!(matches!(apply(root, &changes), Err(Error::Changed(_))));
        assert_eq!(std::fs::read_to_string(root.join("a.md")).unwrap(), "old a");

        // A crash after the journal and the first file: the next open finishes the rest.
        let changes = vec![
            changes[0].clone(),
            FileChange {
                before: "old b".into(),
                ..changes[1].clone()
            },
        ];
        std::fs::create_dir_all(root.join(".inkstone")).unwrap();
        std::fs::write(
            journal_path(root),
            serde_json::to_vec(&Journal {
                changes: changes.clone(),
            })
            .unwrap(),
        )
        .unwrap();
        std::fs::write(root.join("a.md"), "new a").unwrap();
        assert_eq!(recover(root).unwrap(), 1);
        assert_eq!(std::fs::read_to_string(root.join("b.md")).unwrap(), "new b");
        assert!(!journal_path(root).exists());

        // Undo is the same operation reversed.
        let undo: Vec<FileChange> = changes.iter().map(FileChange::reversed).collect();
        apply(root, &undo).unwrap();
        assert_eq!(std::fs::read_to_string(root.join("b.md")).unwrap(), "old b");
        assert!(!root.join(".inkstone").exists());
    }
}
