//! Pushing the branch, with progress, treating any reference the server refuses as a failure.

use std::cell::RefCell;

use git2::{PushOptions, Repository};

use crate::auth::Session;
use crate::progress::{OnProgress, Progress};
use crate::{Error, Result};

/// Pushes `local_ref` to `refs/heads/<remote_branch>` of `remote`.
pub(crate) fn push(
    repo: &Repository,
    remote: &str,
    local_ref: &str,
    remote_branch: &str,
    session: &Session<'_>,
    progress: OnProgress<'_>,
) -> Result<()> {
    let mut handle = repo.find_remote(remote)?;
    let refused: RefCell<Option<(String, String)>> = RefCell::new(None);
    let said: RefCell<String> = RefCell::new(String::new());
    {
        let mut callbacks = session.callbacks();
        callbacks.push_update_reference(|refname, status| {
            if let Some(status) = status {
                *refused.borrow_mut() = Some((refname.to_string(), status.to_string()));
            }
            Ok(())
        });
        callbacks.sideband_progress(|data| {
            said.borrow_mut().push_str(&String::from_utf8_lossy(data));
            true
        });
        callbacks.push_transfer_progress(|objects, total, bytes| {
            progress(Progress::Pushing {
                objects,
                total,
                bytes,
            });
        });
        let mut options = PushOptions::new();
        options.remote_callbacks(callbacks);
        let spec = format!("{local_ref}:refs/heads/{remote_branch}");
        handle
            .push(&[spec.as_str()], Some(&mut options))
            .map_err(|e| {
                if e.code() == git2::ErrorCode::NotFastForward {
                    Error::RemoteMoved
                } else {
                    session.error(e)
                }
            })?;
    }
    if let Some((refname, status)) = refused.into_inner() {
        let remote_lines: Vec<String> = said
            .into_inner()
            .lines()
            .flat_map(|l| l.split('\r'))
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let message = if remote_lines.is_empty() {
            status
        } else {
            format!("{status} — the server said: {}", remote_lines.join(" / "))
        };
        return Err(Error::Rejected { refname, message });
    }
    Ok(())
}
