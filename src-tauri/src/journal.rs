//! Unsaved buffers, journaled in the app's data folder about a second after typing stops, so
//! that a crash, a `kill -9` or a power cut loses nothing: the next start offers them back.
//!
//! The journal keeps the last text it wrote of each buffer, so that the window sends the
//! edits since then (`Journal::edit`) rather than the whole post: a megabyte post would cost
//! a megabyte of IPC, copied on the window's main thread, every 0.7 s of typing.

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use inkstone_content::{Blog, atomic};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One journaled buffer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Entry {
    blog: String,
    path: String,
    text: String,
}

/// A buffer from an earlier session that differs from the file on disk.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Recovered {
    pub path: String,
    /// The journaled text (front matter and body).
    pub text: String,
    /// What the file holds now (`None` when it is gone).
    pub disk: Option<String>,
}

/// The text last journaled of a buffer, and its version (counted per journal).
struct Held {
    version: u32,
    text: String,
}

/// What the journal holds in memory: each buffer's last text, by journal file name, and the
/// last version given.
#[derive(Default)]
struct Texts {
    by_name: HashMap<String, Held>,
    version: u32,
}

#[derive(Clone)]
pub struct Journal {
    dir: PathBuf,
    held: Arc<Mutex<Texts>>,
}

/// FNV-1a: a stable file name for (blog, path) across runs and platforms.
fn key(blog: &Path, path: &str) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(blog.to_string_lossy().as_bytes());
    h.write(&[0]);
    h.write(path.as_bytes());
    format!("{:016x}.json", h.finish())
}

impl Journal {
    pub fn new(data_dir: &Path) -> Journal {
        Journal {
            dir: data_dir.join("journal"),
            held: Arc::default(),
        }
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Texts> {
        self.held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Journals the buffer of `path` (atomically: a crash mid-write keeps the previous one).
    /// Returns the version that `edit` builds on.
    pub fn write(&self, blog: &Path, path: &str, text: &str) -> inkstone_content::Result<u32> {
        let mut held = self.held();
        self.store(&mut held, blog, path, text.to_string())
    }

    /// Journals the buffer of `path` as the text of version `edit.base` with `edit` applied;
    /// `Ok(None)` when the journal does not hold that version (the window then sends the whole
    /// text). Returns the new version.
    pub fn edit(
        &self,
        blog: &Path,
        path: &str,
        edit: &crate::edits::TextEdit,
    ) -> inkstone_content::Result<Option<u32>> {
        // Checked, applied, written and recorded under one lock: two writes of a buffer never
        // finish in the other order, nor a write after the buffer was forgotten.
        let mut held = self.held();
        let text = match held.by_name.get(&key(blog, path)) {
            Some(h) if h.version == edit.base => crate::edits::apply(&h.text, edit),
            _ => None,
        };
        match text {
            Some(text) => self.store(&mut held, blog, path, text).map(Some),
            None => Ok(None),
        }
    }

    fn store(
        &self,
        held: &mut Texts,
        blog: &Path,
        path: &str,
        text: String,
    ) -> inkstone_content::Result<u32> {
        let name = key(blog, path);
        // What the file holds is unknown until this write is done: a failed one leaves no base.
        held.by_name.remove(&name);
        std::fs::create_dir_all(&self.dir).map_err(|e| inkstone_content::Error::Io {
            path: self.dir.clone(),
            source: e,
        })?;
        let entry = Entry {
            blog: blog.to_string_lossy().into_owned(),
            path: path.to_string(),
            text,
        };
        let bytes = serde_json::to_vec(&entry).unwrap_or_default();
        atomic::write(&self.dir.join(&name), &bytes)?;
        held.version = held.version.wrapping_add(1);
        let version = held.version;
        held.by_name.insert(
            name,
            Held {
                version,
                text: entry.text,
            },
        );
        Ok(version)
    }

    /// Forgets the buffer of `path` (it was saved, or discarded).
    pub fn clear(&self, blog: &Path, path: &str) {
        let name = key(blog, path);
        let mut held = self.held();
        held.by_name.remove(&name);
        let _ = std::fs::remove_file(self.dir.join(name));
    }

    /// Buffers of `blog` that hold something its files do not; the others are forgotten.
    pub fn pending(&self, blog: &Blog) -> Vec<Recovered> {
        let root = blog.root().to_string_lossy().into_owned();
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            let Ok(bytes) = std::fs::read(entry.path()) else {
                continue;
            };
            let Ok(e) = serde_json::from_slice::<Entry>(&bytes) else {
                continue;
            };
            // Another blog's; or, beside a file opened alone, another file's of that folder.
            if e.blog != root || blog.alone_file().is_some_and(|name| name != e.path) {
                continue;
            }
            let disk = std::fs::read_to_string(blog.root().join(&e.path)).ok();
            if disk.as_deref() == Some(e.text.as_str()) {
                let _ = std::fs::remove_file(entry.path());
                self.held().by_name.remove(&key(blog.root(), &e.path));
                continue;
            }
            out.push(Recovered {
                path: e.path,
                text: e.text,
                disk,
            });
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journaled_buffers_come_back_until_saved() {
        let data = tempfile::tempdir().unwrap();
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("hugo.toml"), "title='x'\n").unwrap();
        std::fs::create_dir_all(site.path().join("content/posts")).unwrap();
        std::fs::write(
            site.path().join("content/posts/a.md"),
            "---\ntitle: A\n---\nold\n",
        )
        .unwrap();
        let blog = Blog::open(site.path()).unwrap();
        let journal = Journal::new(data.path());
        journal
            .write(
                blog.root(),
                "content/posts/a.md",
                "---\ntitle: A\n---\nold\ntyped 你好\n",
            )
            .unwrap();
        let pending = journal.pending(&blog);
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].text, "---\ntitle: A\n---\nold\ntyped 你好\n");
        assert_eq!(
            pending[0].disk.as_deref(),
            Some("---\ntitle: A\n---\nold\n")
        );
        // Saved since (the file now holds the text): nothing to offer, and the entry goes.
        std::fs::write(
            site.path().join("content/posts/a.md"),
            "---\ntitle: A\n---\nold\ntyped 你好\n",
        )
        .unwrap();
        assert!(journal.pending(&blog).is_empty());
        assert_eq!(
            std::fs::read_dir(data.path().join("journal"))
                .unwrap()
                .count(),
            0
        );
    }

    /// After a whole text, the window sends edits; an edit on another version is refused
    /// (the window then sends the whole text) and leaves the journaled text as it was.
    #[test]
    fn edits_build_on_the_last_journaled_text() {
        use crate::edits::{TextChange, TextEdit};
        let data = tempfile::tempdir().unwrap();
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("hugo.toml"), "title='x'\n").unwrap();
        std::fs::create_dir_all(site.path().join("content/posts")).unwrap();
        std::fs::write(site.path().join("content/posts/a.md"), "old\n").unwrap();
        let blog = Blog::open(site.path()).unwrap();
        let journal = Journal::new(data.path());
        let path = "content/posts/a.md";
        let edit = |base, from, to, insert: &str, length| TextEdit {
            base,
            changes: vec![TextChange {
                from,
                to,
                insert: insert.into(),
            }],
            length,
        };
        // Nothing held yet.
        assert_eq!(
            journal
                .edit(blog.root(), path, &edit(1, 0, 0, "x", 5))
                .unwrap(),
            None
        );
        let v1 = journal.write(blog.root(), path, "调谐 🚀\n").unwrap();
        let v2 = journal
            .edit(blog.root(), path, &edit(v1, 5, 5, " loop", 11))
            .unwrap()
            .expect("an edit on the held version");
        assert_eq!(journal.pending(&blog)[0].text, "调谐 🚀 loop\n");
        // On the old version, or not fitting the text: refused, nothing changed.
        assert_eq!(
            journal
                .edit(blog.root(), path, &edit(v1, 0, 0, "x", 11))
                .unwrap(),
            None
        );
        assert_eq!(
            journal
                .edit(blog.root(), path, &edit(v2, 0, 0, "x", 99))
                .unwrap(),
            None
        );
        assert_eq!(journal.pending(&blog)[0].text, "调谐 🚀 loop\n");
        // Cleared (saved): the next edit needs the whole text again.
        journal.clear(blog.root(), path);
        assert_eq!(
            journal
                .edit(blog.root(), path, &edit(v2, 0, 0, "x", 11))
                .unwrap(),
            None
        );
        assert!(journal.pending(&blog).is_empty());
    }

    /// Two files opened alone from one folder: each is offered only its own text back.
    #[test]
    fn a_file_opened_alone_is_offered_only_its_own_text() {
        let data = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        for name in ["a.md", "b.md"] {
            std::fs::write(folder.path().join(name), "# old\n").unwrap();
        }
        let a = Blog::alone(folder.path().join("a.md")).unwrap();
        let b = Blog::alone(folder.path().join("b.md")).unwrap();
        let journal = Journal::new(data.path());
        journal
            .write(a.root(), "a.md", "# old\ntyped in a\n")
            .unwrap();
        let for_b = journal.pending(&b);
        assert!(for_b.is_empty(), "{for_b:?}");
        let for_a = journal.pending(&a);
        assert_eq!(for_a.len(), 1);
        assert_eq!(for_a[0].text, "# old\ntyped in a\n");
    }
}
