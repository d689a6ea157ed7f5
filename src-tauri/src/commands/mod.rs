//! `#[tauri::command]` adapters: deserialize, call one core function, map the error.

use crate::error::{CmdResult, CommandError};

/// Runs a command's file or network work on the blocking pool, so a slow disk (or a slow
/// remote) never stalls the async workers that serve every other command. Every command that
/// touches the disk goes through here.
pub(crate) async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(job)
        .await
        .map_err(|e| {
            CommandError::new("internal", format!("a background task failed (a bug): {e}"))
        })?
}

pub mod blog;
pub mod frontmatter;
pub mod github;
pub mod images;
pub mod post;
pub mod preview;
pub mod publish;
pub mod settings;
pub mod terms;
