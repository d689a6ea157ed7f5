//! What publishing would send: the working tree against HEAD, new files included, ignored
//! files, build output and editor junk left out.

use std::path::Path;

use git2::{Delta, DiffFindOptions, DiffOptions, Repository};
use serde::Serialize;

use inkstone_content::junk::Junk;

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
    // New files that are nobody's writing (build output, editor temp files) are not published
    // even when the blog's .gitignore forgets them: `inkstone-content`'s one rule.
    let junk = repo.workdir().map_or_else(Junk::builtin, Junk::for_blog);
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
        if untracked && junk.is_junk(&path, false) {
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
