//! What publishing would send: the working tree against HEAD, new files included, ignored
//! files, build output and editor junk left out.

use std::path::Path;

use git2::{Delta, DiffFindOptions, DiffOptions, Repository};
use serde::Serialize;

use crate::Result;

/// How a file differs from the last commit.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Modified,
    Deleted,
    Renamed,
}

/// One changed file, paths relative to the repository root with `/`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub path: String,
    /// The previous path of a renamed file.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
    pub kind: ChangeKind,
}

/// Every change between HEAD (nothing, on an unborn branch) and the working tree, renames
/// detected, sorted by path. New files that are build output or editor junk are skipped.
pub fn changes(repo: &Repository) -> Result<Vec<Change>> {
    let head_tree = match repo.head() {
        Ok(head) => Some(head.peel_to_tree()?),
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => None,
        Err(e) => return Err(e.into()),
    };
    let mut opts = DiffOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        .include_typechange(true)
        .ignore_submodules(true);
    // When the index holds HEAD (nothing staged by hand: the usual case), comparing through
    // it gives the same answer, and its file-system data spares reading every unchanged file
    // (a 10,000-post blog would otherwise be hashed whole). Otherwise the working tree is
    // compared with HEAD directly, so the index cannot hide or invent a change.
    let index = repo.index()?;
    let staged = repo.diff_tree_to_index(head_tree.as_ref(), Some(&index), None)?;
    let mut diff = if staged.deltas().len() == 0 {
        repo.diff_tree_to_workdir_with_index(head_tree.as_ref(), Some(&mut opts))?
    } else {
        repo.diff_tree_to_workdir(head_tree.as_ref(), Some(&mut opts))?
    };
    let mut find = DiffFindOptions::new();
    find.renames(true).for_untracked(true);
    diff.find_similar(Some(&mut find))?;

    let mut out = Vec::new();
    for delta in diff.deltas() {
        let new_path = delta.new_file().path().map(slash);
        let old_path = delta.old_file().path().map(slash);
        let (kind, path, old) = match delta.status() {
            Delta::Added | Delta::Untracked => (ChangeKind::Added, new_path, None),
            Delta::Deleted => (ChangeKind::Deleted, old_path, None),
            Delta::Renamed => (ChangeKind::Renamed, new_path, old_path),
            Delta::Modified | Delta::Typechange | Delta::Copied => {
                (ChangeKind::Modified, new_path, None)
            }
            _ => continue,
        };
        let Some(path) = path else { continue };
        let untracked = matches!(delta.status(), Delta::Untracked | Delta::Renamed);
        if untracked && is_junk(&path) {
            // A file moved into build output is, for publishing, a deletion.
            if let Some(old) = old {
                out.push(Change {
                    path: old,
                    old_path: None,
                    kind: ChangeKind::Deleted,
                });
            }
            continue;
        }
        out.push(Change {
            path,
            old_path: old,
            kind,
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Files nobody means to publish even when `.gitignore` forgets them: the generators' build
/// output and caches, and the temp files editors leave next to the file they edit.
pub fn is_junk(path: &str) -> bool {
    const BUILD_DIRS: [&str; 10] = [
        ".inkstone/",
        "public/",
        "resources/_gen/",
        "_site/",
        ".jekyll-cache/",
        ".sass-cache/",
        ".deploy_git/",
        "node_modules/",
        ".hugo_build.lock",
        ".jekyll-metadata",
    ];
    if BUILD_DIRS
        .iter()
        .any(|d| path.starts_with(d) || path == d.trim_end_matches('/'))
    {
        return true;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name == ".DS_Store"
        || name == "Thumbs.db"
        || name == "desktop.ini"
        || (name.starts_with(".inkstone-") && name.ends_with(".tmp"))
}

#[cfg(test)]
mod tests {
    use super::is_junk;

    #[test]
    fn build_output_and_editor_temp_files_are_junk() {
        for junk in [
            "public/index.html",
            "_site/feed.xml",
            "resources/_gen/images/a.png",
            ".hugo_build.lock",
            "content/posts/.a.md.swp",
            "content/posts/a.md~",
            "content/posts/.#a.md",
            "content/posts/#a.md#",
            "content/posts/4913",
            "static/.DS_Store",
        ] {
            assert!(is_junk(junk), "{junk}");
        }
        for real in [
            "content/posts/a.md",
            "static/images/public.png",
            "publications/x.md",
        ] {
            assert!(!is_junk(real), "{real}");
        }
    }
}
