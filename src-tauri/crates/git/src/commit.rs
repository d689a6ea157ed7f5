//! Staging the changes and creating the publish commit — as an object only: no reference and
//! no index file on disk moves until the whole publish has succeeded.

use std::path::Path;

use git2::{Oid, Repository, Signature};

use crate::status::{Change, ChangeKind};
use crate::{Error, Result};

/// The commit author from git's configuration (repository, then global).
pub fn signature(repo: &Repository) -> Result<Signature<'static>> {
    match repo.signature() {
        Ok(sig) => Ok(sig.to_owned()),
        Err(e) if e.code() == git2::ErrorCode::NotFound => Err(Error::NoIdentity),
        Err(e) => Err(e.into()),
    }
}

/// Saves the author in the repository's own configuration (the app asks once per blog).
pub fn set_identity(repo: &Repository, name: &str, email: &str) -> Result<()> {
    let mut config = repo.config()?.open_level(git2::ConfigLevel::Local)?;
    config.set_str("user.name", name.trim())?;
    config.set_str("user.email", email.trim())?;
    Ok(())
}

/// Stages `changes` on top of HEAD in the repository's in-memory index and writes a commit
/// object whose parent is HEAD. The index file and the branch are left as they were.
pub fn create(repo: &Repository, changes: &[Change], message: &str) -> Result<Oid> {
    let sig = signature(repo)?;
    let parent = match repo.head() {
        Ok(head) => Some(head.peel_to_commit()?),
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => None,
        Err(e) => return Err(e.into()),
    };
    let mut index = repo.index()?;
    match &parent {
        // The index as it is keeps the file-system data that lets status skip unchanged
        // files; it is used unless it stages something other than `changes` (then HEAD's tree
        // is the start, so only what publish showed is committed).
        Some(commit) => {
            let tree = commit.tree()?;
            if staged_elsewhere(repo, &tree, &index, changes)? {
                index.read_tree(&tree)?;
            }
        }
        None => index.clear()?,
    }
    for change in changes {
        if let Some(old) = &change.old_path {
            index.remove_path(Path::new(old))?;
        }
        match change.kind {
            ChangeKind::Deleted => index.remove_path(Path::new(&change.path))?,
            _ => index
                .add_path(Path::new(&change.path))
                .map_err(|e| Error::Worktree {
                    path: change.path.clone(),
                    message: e.message().to_string(),
                })?,
        }
    }
    let tree = repo.find_tree(index.write_tree()?)?;
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    Ok(repo.commit(None, &sig, &sig, message, &tree, &parents)?)
}

/// Whether `index` differs from `tree` at a path that `changes` does not name.
fn staged_elsewhere(
    repo: &Repository,
    tree: &git2::Tree<'_>,
    index: &git2::Index,
    changes: &[Change],
) -> Result<bool> {
    let named: std::collections::HashSet<&Path> = changes
        .iter()
        .flat_map(|c| std::iter::once(&c.path).chain(c.old_path.as_ref()))
        .map(Path::new)
        .collect();
    let staged = repo.diff_tree_to_index(Some(tree), Some(index), None)?;
    Ok(staged.deltas().any(|d| {
        [d.old_file().path(), d.new_file().path()]
            .into_iter()
            .flatten()
            .any(|p| !named.contains(p))
    }))
}

/// A message that names what is published: the post titles on the first line, every file
/// below. `title` gives a post's title from its path, `None` for assets and other files.
pub fn message(changes: &[Change], title: &dyn Fn(&str) -> Option<String>) -> String {
    let posts: Vec<(&Change, String)> = changes
        .iter()
        .filter_map(|c| title(&c.path).map(|t| (c, t)))
        .collect();
    let subject = match posts.as_slice() {
        [] if changes.len() == 1 => format!("{} {}", verb(changes[0].kind), changes[0].path),
        [] => format!("Update {} files", changes.len()),
        [(c, t)] => format!("{} \"{t}\"", verb(c.kind)),
        many => {
            let all_added = many.iter().all(|(c, _)| c.kind == ChangeKind::Added);
            let verb = if all_added { "Add" } else { "Update" };
            let mut line = format!("{verb} \"{}\"", many[0].1);
            let mut shown = 1;
            for (_, t) in &many[1..] {
                if line.chars().count() + t.chars().count() > 60 {
                    break;
                }
                line.push_str(&format!(", \"{t}\""));
                shown += 1;
            }
            if shown < many.len() {
                line.push_str(&format!(" and {} more", many.len() - shown));
            }
            line
        }
    };
    let mut out = subject;
    if changes.len() > 1 || !posts.is_empty() {
        out.push_str("\n\n");
        for c in changes {
            match &c.old_path {
                Some(old) => out.push_str(&format!("renamed: {old} -> {}\n", c.path)),
                None => out.push_str(&format!("{}: {}\n", label(c.kind), c.path)),
            }
        }
    }
    out.trim_end().to_string()
}

fn verb(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "Add",
        ChangeKind::Modified => "Update",
        ChangeKind::Deleted => "Delete",
        ChangeKind::Renamed => "Move",
    }
}

fn label(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "added",
        ChangeKind::Modified => "modified",
        ChangeKind::Deleted => "deleted",
        ChangeKind::Renamed => "renamed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(path: &str, kind: ChangeKind) -> Change {
        Change {
            path: path.into(),
            old_path: None,
            kind,
        }
    }

    #[test]
    fn messages_name_the_posts() {
        let title = |p: &str| {
            p.strip_prefix("content/posts/")
                .map(|s| s.replace(".md", ""))
        };
        let one = [change("content/posts/tcp-bbr.md", ChangeKind::Added)];
        assert_eq!(
            message(&one, &title),
            "Add \"tcp-bbr\"\n\nadded: content/posts/tcp-bbr.md"
        );
        let asset = [change("static/a.png", ChangeKind::Added)];
        assert_eq!(message(&asset, &title), "Add static/a.png");
        let many: Vec<Change> = (0..12)
            .map(|i| {
                change(
                    &format!("content/posts/post-number-{i}.md"),
                    ChangeKind::Modified,
                )
            })
            .collect();
        let m = message(&many, &title);
        let subject = m.lines().next().unwrap_or_default();
        assert!(
            subject.starts_with("Update \"post-number-0\", \"post-number-1\""),
            "{subject}"
        );
        assert!(subject.ends_with(" more"), "{subject}");
        assert_eq!(
            m.lines().filter(|l| l.starts_with("modified: ")).count(),
            12
        );
    }
}
