//! Edits made outside the app: another editor, `git checkout`, `git pull`. The open blog is
//! watched (notify, debounced); each batch of changed files reaches the UI as one
//! `blog-changed` event, minus what cannot matter (`.git/`, build output, editor temp files)
//! and minus the app's own writes, recognised by content: a file whose bytes hash to what the
//! app last wrote there is not news, however late its event arrives.

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use inkstone_content::junk::Junk;
use notify_debouncer_full::notify::event::{ModifyKind, RenameMode};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use serde::Serialize;
use ts_rs::TS;

/// Files changed on disk by someone else, relative to the blog root with `/` separators.
#[derive(Debug, Clone, Default, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct BlogChanged {
    /// Created, modified or removed files.
    pub paths: Vec<String>,
    /// Files moved within the blog: `[from, to]`.
    pub renamed: Vec<(String, String)>,
}

/// Whether a change to `rel` (relative, `/`-separated) can matter to the UI: not junk (build
/// output, editor temp files, what the blog's `.gitignore` leaves out; `inkstone-content`'s
/// one rule) and not inside a hidden folder (`.obsidian/`, `.vscode/`: no post lives there).
pub fn relevant(junk: &Junk, rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    let Some((name, dirs)) = parts.split_last() else {
        return false;
    };
    !name.is_empty() && !dirs.iter().any(|d| d.starts_with('.')) && !junk.is_junk(rel, false)
}

/// FNV-1a of a file's bytes.
fn hash(bytes: &[u8]) -> u64 {
    let mut h = fnv::FnvHasher::default();
    h.write(bytes);
    h.finish()
}

/// What the app itself last wrote, by relative path.
#[derive(Default)]
pub struct OwnWrites(Mutex<HashMap<String, u64>>);

impl OwnWrites {
    pub fn record(&self, rel: &str, bytes: &[u8]) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(rel.to_string(), hash(bytes));
        }
    }

    /// True when `file` holds exactly what the app last wrote to `rel`.
    fn is_own(&self, rel: &str, file: &Path) -> bool {
        let Ok(map) = self.0.lock() else {
            return false;
        };
        let Some(&h) = map.get(rel) else {
            return false;
        };
        std::fs::read(file).is_ok_and(|bytes| hash(&bytes) == h)
    }
}

fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Every relevant file a batch touched, the app's own writes included (both ends of a rename).
pub fn touched(root: &Path, junk: &Junk, events: &[(EventKind, Vec<PathBuf>)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (kind, paths) in events {
        if matches!(kind, EventKind::Access(_)) {
            continue;
        }
        for rel in paths.iter().filter_map(|p| relative(root, p)) {
            if relevant(junk, &rel) && !out.contains(&rel) {
                out.push(rel);
            }
        }
    }
    out
}

/// Turns a debounced batch into what the UI needs to hear.
pub fn summarize(
    root: &Path,
    own: &OwnWrites,
    junk: &Junk,
    events: &[(EventKind, Vec<PathBuf>)],
) -> BlogChanged {
    let mut out = BlogChanged::default();
    let push = |rel: String, out: &mut BlogChanged| {
        if !out.paths.contains(&rel) {
            out.paths.push(rel);
        }
    };
    for (kind, paths) in events {
        if matches!(kind, EventKind::Access(_)) {
            continue;
        }
        let rels: Vec<Option<String>> = paths.iter().map(|p| relative(root, p)).collect();
        if let (EventKind::Modify(ModifyKind::Name(RenameMode::Both)), [Some(from), Some(to)]) =
            (kind, rels.as_slice())
        {
            // Our own atomic saves rename `.inkstone-*.tmp` over the post: that is a write.
            if !relevant(junk, from) {
                if relevant(junk, to) && !own.is_own(to, &root.join(to)) {
                    push(to.clone(), &mut out);
                }
                continue;
            }
            if relevant(junk, to) {
                out.renamed.push((from.clone(), to.clone()));
            }
            push(from.clone(), &mut out);
            if relevant(junk, to) {
                push(to.clone(), &mut out);
            }
            continue;
        }
        for (rel, path) in rels.iter().zip(paths) {
            let Some(rel) = rel else { continue };
            if relevant(junk, rel) && !own.is_own(rel, path) {
                push(rel.clone(), &mut out);
            }
        }
    }
    out
}

/// The running watch of one blog; dropping it stops watching.
pub struct BlogWatcher {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

impl BlogWatcher {
    /// Watches `root` (and the folders below it when `recursive`), calling `notify` with each
    /// non-empty batch of changes made outside the app, and `touch` with every file a batch
    /// touched and whether events were lost (on the debouncer's thread).
    pub fn start(
        root: &Path,
        recursive: bool,
        own: Arc<OwnWrites>,
        notify: impl Fn(BlogChanged) + Send + 'static,
        touch: impl Fn(Vec<String>, bool) + Send + 'static,
    ) -> notify_debouncer_full::notify::Result<BlogWatcher> {
        let base = root.to_path_buf();
        let junk = Junk::for_blog(root);
        let mut debouncer = new_debouncer(
            Duration::from_millis(250),
            None,
            move |result: DebounceEventResult| {
                // Events were lost (the kernel's queue overflowed during a big checkout): what
                // was read from the files can no longer be trusted to be current.
                let Ok(events) = result else {
                    touch(Vec::new(), true);
                    return;
                };
                let lost = events.iter().any(|e| e.event.need_rescan());
                let batch: Vec<(EventKind, Vec<PathBuf>)> = events
                    .into_iter()
                    .map(|e| (e.event.kind, e.event.paths))
                    .collect();
                // By the rules that decide what is a post (not the blog's `.gitignore`: a
                // git-ignored `_drafts/` still holds drafts).
                let all = touched(&base, Junk::shared(), &batch);
                if lost || !all.is_empty() {
                    touch(all, lost);
                }
                let changed = summarize(&base, &own, &junk, &batch);
                if !changed.paths.is_empty() {
                    notify(changed);
                }
            },
        )?;
        let mode = if recursive {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        debouncer.watch(root, mode)?;
        Ok(BlogWatcher {
            _debouncer: debouncer,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn noise_is_not_relevant() {
        let junk = Junk::builtin();
        // Junk (the one rule, tested in inkstone-content) and anything in a hidden folder.
        for rel in [
            ".git/refs/heads/main",
            "content/posts/.a.md.swp",
            "public/index.html",
            "content/.obsidian/workspace.json",
            ".vscode/settings.json",
        ] {
            assert!(!relevant(&junk, rel), "{rel} should be ignored");
        }
        for rel in [
            "content/posts/a.md",
            "content/posts/bundle/index.md",
            "content/posts/bundle/diagram.png",
            "_posts/2024-01-01-x.md",
            "source/_posts/x.md",
            "hugo.toml",
            "content/posts/.hidden-but-a-post.md",
        ] {
            assert!(relevant(&junk, rel), "{rel} should be reported");
        }
    }

    #[test]
    fn own_writes_are_recognised_by_content_and_renames_are_paired() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        let post = root.join("content/posts/a.md");
        std::fs::write(&post, "mine").unwrap();
        let own = OwnWrites::default();
        own.record("content/posts/a.md", b"mine");
        let modify = |p: &Path| (EventKind::Modify(ModifyKind::Any), vec![p.to_path_buf()]);
        // Our write, however late its event comes: nothing to report.
        assert!(
            summarize(root, &own, &Junk::builtin(), &[modify(&post)])
                .paths
                .is_empty()
        );
        // Someone else wrote after us: reported.
        std::fs::write(&post, "theirs").unwrap();
        assert_eq!(
            summarize(root, &own, &Junk::builtin(), &[modify(&post)]).paths,
            vec!["content/posts/a.md"]
        );
        // An atomic save by us (temp renamed over the post) is a write, not a rename.
        std::fs::write(&post, "mine").unwrap();
        let tmp = root.join("content/posts/.inkstone-abc.tmp");
        let rename = |a: &Path, b: &Path| {
            (
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                vec![a.to_path_buf(), b.to_path_buf()],
            )
        };
        assert_eq!(
            summarize(root, &own, &Junk::builtin(), &[rename(&tmp, &post)]),
            BlogChanged::default()
        );
        // A move by someone else is a rename, both paths reported.
        let moved = root.join("content/posts/b.md");
        let changed = summarize(root, &own, &Junk::builtin(), &[rename(&post, &moved)]);
        assert_eq!(
            changed.renamed,
            vec![("content/posts/a.md".into(), "content/posts/b.md".into())]
        );
        assert_eq!(changed.paths.len(), 2);
    }

    #[test]
    fn a_real_watch_reports_an_outside_edit_once_and_not_our_own_save() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        let post = root.join("content/posts/a.md");
        std::fs::write(&post, "one").unwrap();
        let own = Arc::new(OwnWrites::default());
        let (tx, rx) = mpsc::channel();
        let (touch_tx, touch_rx) = mpsc::channel();
        let _watch = BlogWatcher::start(
            &root,
            true,
            Arc::clone(&own),
            move |c| {
                let _ = tx.send(c);
            },
            move |paths, _lost| {
                let _ = touch_tx.send(paths);
            },
        )
        .unwrap();
        // The app saves atomically: no event reaches the UI.
        own.record("content/posts/a.md", b"two");
        inkstone_content::atomic::write(&post, b"two").unwrap();
        std::fs::write(root.join(".git/index"), "x").unwrap();
        std::fs::write(root.join("content/posts/.a.md.swp"), "x").unwrap();
        assert!(
            rx.recv_timeout(Duration::from_millis(1500)).is_err(),
            "own write or noise reported"
        );
        // The search index still hears of the save (and of nothing else).
        let mut touched: Vec<String> = touch_rx.try_iter().flatten().collect();
        touched.dedup();
        assert_eq!(touched, vec!["content/posts/a.md"]);
        // Another editor writes: one batch naming the post.
        std::fs::write(&post, "three").unwrap();
        let changed = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(changed.paths, vec!["content/posts/a.md"]);
    }
}
