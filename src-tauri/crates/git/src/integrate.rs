//! Putting the local commits on top of what the remote has: an in-memory rebase that either
//! applies cleanly or is dropped without touching the repository, then moving the branch.

use git2::build::CheckoutBuilder;
use git2::{Oid, Repository, Signature};

use crate::{Error, Result};

/// Replays the commits of `tip` that `upstream` lacks on top of `upstream`, in memory.
/// Returns the new tip and how many commits were replayed; on a conflict, nothing changed.
pub(crate) fn rebase(
    repo: &Repository,
    tip: Oid,
    upstream: Oid,
    sig: &Signature<'_>,
) -> Result<(Oid, usize)> {
    let branch = repo.find_annotated_commit(tip)?;
    let onto = repo.find_annotated_commit(upstream)?;
    let mut opts = git2::RebaseOptions::new();
    opts.inmemory(true);
    let mut rebase = repo.rebase(Some(&branch), Some(&onto), None, Some(&mut opts))?;
    let mut new_tip = upstream;
    let mut replayed = 0;
    while let Some(op) = rebase.next() {
        op?;
        let index = rebase.inmemory_index()?;
        if index.has_conflicts() {
            let mut files: Vec<String> = index
                .conflicts()?
                .filter_map(|c| c.ok())
                .filter_map(|c| c.our.or(c.their).or(c.ancestor))
                .map(|e| String::from_utf8_lossy(&e.path).into_owned())
                .collect();
            files.sort();
            files.dedup();
            rebase.abort()?;
            return Err(Error::Conflict { files });
        }
        match rebase.commit(None, sig, None) {
            Ok(id) => {
                new_tip = id;
                replayed += 1;
            }
            // The remote already has this change: nothing to replay.
            Err(e) if e.code() == git2::ErrorCode::Applied => {}
            Err(e) => {
                rebase.abort()?;
                return Err(e.into());
            }
        }
    }
    rebase.finish(Some(sig))?;
    Ok((new_tip, replayed))
}

/// Moves `branch` to `target`. When the working tree already matches `current` (what the
/// branch is being set to first), files are brought to `target` with a safe checkout that
/// never overwrites an edit it did not expect.
pub(crate) fn advance(repo: &Repository, branch: &str, current: Oid, target: Oid) -> Result<()> {
    set_branch(repo, branch, current)?;
    if current != target {
        let commit = repo.find_commit(target)?;
        let mut checkout = CheckoutBuilder::new();
        checkout.safe();
        repo.checkout_tree(commit.as_object(), Some(&mut checkout)).map_err(|e| {
            Error::Worktree {
                path: repo.workdir().map(|p| p.display().to_string()).unwrap_or_default(),
                message: format!(
                    "could not bring in the remote's changes ({}); your commit is saved, publish again",
                    e.message()
                ),
            }
        })?;
        set_branch(repo, branch, target)?;
    }
    Ok(())
}

fn set_branch(repo: &Repository, branch: &str, to: Oid) -> Result<()> {
    repo.reference(branch, to, true, "inkstone: publish")?;
    Ok(())
}
