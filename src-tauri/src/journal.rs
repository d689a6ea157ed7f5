//! Unsaved buffers, journaled in the app's data folder about a second after typing stops, so
//! that a crash, a `kill -9` or a power cut loses nothing: the next start offers them back.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

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

#[derive(Clone)]
pub struct Journal {
    dir: PathBuf,
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
        }
    }

    /// Journals the buffer of `path` (atomically: a crash mid-write keeps the previous one).
    pub fn write(&self, blog: &Path, path: &str, text: &str) -> inkstone_content::Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|e| inkstone_content::Error::Io {
            path: self.dir.clone(),
            source: e,
        })?;
        let entry = Entry {
            blog: blog.to_string_lossy().into_owned(),
            path: path.to_string(),
            text: text.to_string(),
        };
        let bytes = serde_json::to_vec(&entry).unwrap_or_default();
        atomic::write(&self.dir.join(key(blog, path)), &bytes)
    }

    /// Forgets the buffer of `path` (it was saved, or discarded).
    pub fn clear(&self, blog: &Path, path: &str) {
        let _ = std::fs::remove_file(self.dir.join(key(blog, path)));
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
