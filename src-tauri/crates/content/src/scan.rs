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
        // The content folder and each language's own (once each).
        Generator::Hugo => {
            let mut dirs: Vec<&str> = std::iter::once(site.content_dir.as_str())
                .chain(site.languages.content_dirs())
                .collect();
            dirs.sort_unstable();
            dirs.dedup();
            let mut all: Vec<String> = dirs
                .into_iter()
                .flat_map(|d| hugo(root, &root.join(d), &site.exclude))
                .collect();
            all.sort();
            all.dedup();
            all
        }
        Generator::Jekyll => jekyll(root, site),
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
fn hugo(root: &Path, content: &Path, ignore_files: &[String]) -> Vec<String> {
    // An `ignoreFiles` pattern that is not a valid expression ignores nothing (Hugo stops
    // the build on it; the library still lists the posts).
    let ignored: Vec<regex::Regex> = ignore_files
        .iter()
        .filter_map(|p| regex::Regex::new(p).ok())
        .collect();
    // Hugo matches them against the file's absolute path (with `/`).
    let ignored = |path: &Path| {
        let full = path.to_string_lossy().replace('\\', "/");
        ignored.iter().any(|re| re.is_match(&full))
    };
    // Hugo's Markdown suffixes, exactly (`.MD` and `.mkd` are not Markdown to it).
    const HUGO_MARKDOWN: [&str; 3] = ["md", "markdown", "mdown"];
    let hugo_markdown = |path: &Path| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| HUGO_MARKDOWN.contains(&e))
    };
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
            if entry.depth() > 0 && ignored(entry.path()) {
                walker.skip_current_dir();
                continue;
            }
            // A leaf bundle: its `index` file, one per language (`index.en.md`).
            let is_index = |name: &str| {
                let Some((stem, ext)) = name.rsplit_once('.') else {
                    return false;
                };
                // `index.<language>`: any suffix (Hugo takes one it does not know as the
                // default language's index).
                HUGO_MARKDOWN.contains(&ext)
                    && (stem == "index"
                        || stem
                            .strip_prefix("index.")
                            .is_some_and(|code| !code.is_empty() && !code.contains('.')))
            };
            let mut indexes: Vec<std::path::PathBuf> = std::fs::read_dir(entry.path())
                .map(|d| {
                    d.filter_map(|e| e.ok())
                        .filter(|e| e.file_name().to_str().is_some_and(is_index))
                        .map(|e| e.path())
                        .filter(|p| is_regular_file(p) && !ignored(p))
                        .collect()
                })
                .unwrap_or_default();
            if !indexes.is_empty() {
                indexes.sort();
                out.extend(indexes.iter().filter_map(|p| rel(root, p)));
                walker.skip_current_dir();
            }
            continue;
        }
        // Regular files only: a symlinked "post" may lead out of the blog (to `.git/config`,
        // `/proc/self/environ`), and a FIFO or device would hang or never end.
        if entry.file_type().is_file()
            && hugo_markdown(entry.path())
            && !is_ignored_file(name)
            && !name.starts_with("_index.")
            && !ignored(entry.path())
        {
            out.extend(rel(root, entry.path()));
        }
    }
    out
}

/// Jekyll's reader (`Reader#read_directories`, `PostReader`): starting at the root (or
/// `collections_dir`), every folder Jekyll enters (not one whose name starts with `.`, `_`,
/// `#` or `~`, nor an `exclude`d one) may hold a `_posts` folder, whose files anywhere below
/// it are posts when their name is dated (`2024-3-5-slug.md`: [`jekyll_post_name`]), and a
/// `_drafts` folder, whose files are all drafts. Inside those, entries with a special first
/// character or a trailing `~`, excluded ones and symlinks are skipped, as Jekyll's
/// `EntryFilter` does.
///
/// [`jekyll_post_name`]: crate::dates::jekyll_post_name
fn jekyll(root: &Path, site: &Site) -> Vec<String> {
    let exclude = JekyllExclude::new(&site.exclude);
    let special = |name: &str| name.starts_with(['.', '_', '#', '~']) || name.ends_with('~');
    let start = root.join(&site.content_dir);
    let mut out = Vec::new();
    let folders = WalkDir::new(&start)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_str().unwrap_or(".");
            e.depth() == 0
                || (e.file_type().is_dir()
                    && !special(name)
                    && !rel(root, e.path()).is_some_and(|r| exclude.excludes(&r, true)))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir());
    for folder in folders {
        for (magic, dated) in [("_posts", true), ("_drafts", false)] {
            let base = folder.path().join(magic);
            if !std::fs::symlink_metadata(&base).is_ok_and(|m| m.is_dir()) {
                continue;
            }
            let files = WalkDir::new(&base)
                .min_depth(1)
                .into_iter()
                .filter_entry(|e| {
                    // Jekyll tests the entry's path from `_posts` (its first folder) and
                    // its file name, not the folders between.
                    let name = e.file_name().to_str().unwrap_or(".");
                    let checked = e.depth() == 1 || !e.file_type().is_dir();
                    (!checked || !special(name))
                        && !rel(root, e.path())
                            .is_some_and(|r| exclude.excludes(&r, e.file_type().is_dir()))
                })
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file() && is_markdown(e.path()));
            for file in files {
                let name = file.file_name().to_str().unwrap_or(".");
                let stem = file
                    .path()
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("");
                if is_ignored_file(name)
                    || (dated && crate::dates::jekyll_post_name(stem).is_none())
                {
                    continue;
                }
                out.extend(rel(root, file.path()));
            }
        }
    }
    out
}

/// Jekyll's `exclude` test (`EntryFilter#glob_include?`): a pattern excludes a path (relative
/// to the root) that it matches as `File.fnmatch` (a `*` crosses `/`), that starts with it,
/// or, for a folder, that it names with a trailing `/`.
struct JekyllExclude {
    patterns: Vec<(String, Option<globset::GlobMatcher>)>,
}

impl JekyllExclude {
    fn new(patterns: &[String]) -> Self {
        JekyllExclude {
            patterns: patterns
                .iter()
                .map(|p| {
                    let p = p
                        .trim_start_matches("./")
                        .trim_start_matches('/')
                        .to_string();
                    let glob = globset::GlobBuilder::new(&p)
                        .literal_separator(false)
                        .backslash_escape(true)
                        .build()
                        .ok()
                        .map(|g| g.compile_matcher());
                    (p, glob)
                })
                .collect(),
        }
    }

    fn excludes(&self, rel: &str, is_dir: bool) -> bool {
        self.patterns.iter().any(|(p, glob)| {
            !p.is_empty()
                && (glob.as_ref().is_some_and(|g| g.is_match(rel))
                    || rel.starts_with(p.as_str())
                    || (is_dir && p.strip_suffix('/') == Some(rel)))
        })
    }
}
