//! Which files of a blog are posts, per generator.

use std::path::Path;

use walkdir::WalkDir;

use crate::junk::Junk;
use crate::site::{Generator, Site};

/// File extensions of posts (what the generators read as Markdown); the write gate allows
/// the same.
pub(crate) const MARKDOWN: [&str; 4] = ["md", "markdown", "mdown", "mkd"];

/// Folders no generator reads posts from.
pub(crate) fn is_skipped_dir(name: &str) -> bool {
    name.starts_with('.')
        || matches!(
            name,
            "node_modules" | "vendor" | "public" | "_site" | "resources" | "themes" | "target"
        )
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MARKDOWN.contains(&e.to_ascii_lowercase().as_str()))
}

/// Files no generator reads as a post: hidden ones and those starting with `#` (the
/// generators' own rule), and editor backups and temp files (the one junk rule).
fn is_ignored_file(name: &str) -> bool {
    name.starts_with(['.', '#']) || Junk::shared().is_junk_name(name)
}

/// A regular file itself, not a symlink, FIFO or device.
fn is_regular_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

fn rel(root: &Path, path: &Path) -> Option<String> {
    let r = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = r
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    Some(parts.join("/"))
}

/// Blog-relative paths (`/`-separated) of every post and draft, sorted.
pub fn post_paths(root: &Path, site: &Site) -> Vec<String> {
    let mut out = match site.generator {
        Generator::Hugo => hugo(root, &root.join(&site.content_dir)),
        Generator::Jekyll => jekyll(root),
        Generator::Hexo => site
            .posts_dirs()
            .iter()
            .flat_map(|d| markdown_under(root, &root.join(d)))
            .collect(),
    };
    out.sort();
    out
}

fn markdown_under(root: &Path, dir: &Path) -> Vec<String> {
    WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_skipped_dir(e.file_name().to_str().unwrap_or(".")))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && is_markdown(e.path()))
        .filter(|e| !is_ignored_file(e.file_name().to_str().unwrap_or(".")))
        .filter_map(|e| rel(root, e.path()))
        .collect()
}

/// Hugo: every regular page under the content folder: `_index.md` (list pages) and the other
/// Markdown files of a leaf bundle (they are its resources) are not pages.
fn hugo(root: &Path, content: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut walker = WalkDir::new(content).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_str().unwrap_or(".");
        if entry.file_type().is_dir() {
            if entry.depth() > 0 && name.starts_with('.') {
                walker.skip_current_dir();
                continue;
            }
            let index = ["index.md", "index.markdown"]
                .iter()
                .map(|f| entry.path().join(f))
                .find(|p| is_regular_file(p));
            if let Some(index) = index {
                out.extend(rel(root, &index));
                walker.skip_current_dir();
            }
            continue;
        }
        // Regular files only: a symlinked "post" may lead out of the blog (to `.git/config`,
        // `/proc/self/environ`), and a FIFO or device would hang or never end.
        if entry.file_type().is_file()
            && is_markdown(entry.path())
            && !is_ignored_file(name)
            && !name.starts_with("_index.")
        {
            out.extend(rel(root, entry.path()));
        }
    }
    out
}

/// Jekyll: `YYYY-MM-DD-title.md` files in any `_posts` folder, and every Markdown file in
/// `_drafts` folders.
fn jekyll(root: &Path) -> Vec<String> {
    WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_skipped_dir(e.file_name().to_str().unwrap_or(".")))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && is_markdown(e.path()))
        .filter_map(|e| {
            let r = rel(root, e.path())?;
            let name = e.file_name().to_str()?;
            let parent = e.path().parent()?.file_name()?.to_str()?;
            let dated = name.len() > 11
                && name[..10].chars().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        c == '-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            let is_post = (parent == "_posts" && dated) || parent == "_drafts";
            (is_post && !is_ignored_file(name)).then_some(r)
        })
        .collect()
}
