//! Fetching the branch publish pushes to, so the remote's new commits are known first.

use git2::{AutotagOption, FetchOptions, Oid, Repository};

use crate::Result;
use crate::auth::Session;
use crate::progress::{OnProgress, Progress};

/// Fetch options with the session's credentials and `Fetching` progress.
pub(crate) fn options<'a>(session: &'a Session<'_>, progress: OnProgress<'a>) -> FetchOptions<'a> {
    let mut callbacks = session.callbacks();
    callbacks.transfer_progress(move |p| {
        progress(Progress::Fetching {
            objects: p.received_objects(),
            total: p.total_objects(),
            bytes: p.received_bytes(),
        });
        true
    });
    let mut options = FetchOptions::new();
    options.remote_callbacks(callbacks);
    options
}

/// Fetches `remote_branch` of `remote` into `refs/remotes/<remote>/<remote_branch>`. Returns
/// the remote branch's commit, `None` when the branch does not exist there yet.
pub(crate) fn fetch(
    repo: &Repository,
    remote: &str,
    remote_branch: &str,
    session: &Session<'_>,
    progress: OnProgress<'_>,
) -> Result<Option<Oid>> {
    let mut handle = repo.find_remote(remote)?;
    let mut options = options(session, progress);
    options.download_tags(AutotagOption::None);
    let refspec = format!("+refs/heads/{remote_branch}:refs/remotes/{remote}/{remote_branch}");
    handle
        .fetch(
            &[refspec.as_str()],
            Some(&mut options),
            Some("inkstone: fetch before publish"),
        )
        .map_err(|e| session.error(e))?;
    let wanted = format!("refs/heads/{remote_branch}");
    let tip = handle
        .list()?
        .iter()
        .find(|h| h.name() == wanted)
        .map(|h| h.oid());
    if tip.is_none() {
        // The branch is gone (or never was) upstream: a stale tracking ref would mislead.
        if let Ok(mut stale) =
            repo.find_reference(&format!("refs/remotes/{remote}/{remote_branch}"))
        {
            stale.delete()?;
        }
    }
    Ok(tip)
}
