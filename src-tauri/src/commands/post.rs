//! Opening, saving and creating posts.

use inkstone_content::{Document, NewPost, Post, atomic};
use tauri::State;

use super::blocking;
use crate::edits::TextEdit;
use crate::error::{CmdResult, CommandError};
use crate::journal::Recovered;
use crate::state::AppState;

/// Reads a post for editing.
#[tauri::command]
pub async fn post_open(state: State<'_, AppState>, path: String) -> CmdResult<Document> {
    let blog = state.blog()?;
    blocking(move || Ok(blog.read_post(&path)?)).await
}

/// A post's text as it is on disk now (after a change outside the app); `None` when it is gone.
#[tauri::command]
pub async fn post_disk(state: State<'_, AppState>, path: String) -> CmdResult<Option<String>> {
    let blog = state.blog()?;
    blocking(move || {
        let file = blog.file(&blog.inside(&path)?);
        if !file.is_file() {
            return Ok(None);
        }
        Ok(Some(inkstone_content::read_text(&file)?))
    })
    .await
}

/// Splits a post's text (a recovered or merged buffer) into front matter and body.
#[tauri::command]
pub async fn post_split(
    state: State<'_, AppState>,
    path: String,
    text: String,
) -> CmdResult<Document> {
    let blog = state.blog()?;
    blocking(move || Ok(blog.read_text_as(blog.inside(&path)?.as_str(), &text)?)).await
}

/// Writes the post's full text atomically and returns it as re-read. Emptying the file or
/// cutting it by more than half needs `force` (the user confirmed). Only a post the write
/// gate allows is written (never `.git/config`, a workflow or a script); a post deleted
/// outside the app (its bundle folder too) is written back. `base` is the text the editor's
/// buffer was loaded from: when the file holds something else now (another program wrote
/// it, and the watcher did not say so), nothing is written and the error is `changed_on_disk`.
#[tauri::command]
pub async fn post_save(
    state: State<'_, AppState>,
    path: String,
    text: String,
    force: Option<bool>,
    base: Option<String>,
) -> CmdResult<Post> {
    let blog = state.blog()?;
    let own_writes = std::sync::Arc::clone(&state.own_writes);
    blocking(move || {
        let rel = blog.writable(&path)?;
        let file = blog.file(&rel);
        if let Some(base) = base
            && file.is_file()
            && inkstone_content::read_text(&file)? != base
        {
            return Err(CommandError::new(
                "changed_on_disk",
                format!("{rel} changed on disk since it was opened; nothing was saved"),
            ));
        }
        atomic::check_shrink(&file, &text, force.unwrap_or(false))?;
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                CommandError::new("io", format!("cannot create {}: {e}", parent.display()))
            })?;
        }
        own_writes.record(rel.as_str(), text.as_bytes());
        atomic::write(&file, text.as_bytes())?;
        Ok(blog.read_post(rel.as_str())?.post)
    })
    .await
}

/// Creates a new post (never overwriting) and returns its path.
#[tauri::command]
pub async fn post_create(state: State<'_, AppState>, request: NewPost) -> CmdResult<String> {
    let blog = state.whole_blog()?;
    blocking(move || Ok(blog.new_post(&request)?)).await
}

/// Journals an unsaved buffer (crash recovery). Returns the version `journal_edit` builds on.
#[tauri::command]
pub async fn journal_write(
    state: State<'_, AppState>,
    path: String,
    text: String,
) -> CmdResult<u32> {
    let blog = state.blog()?;
    let journal = state.journal.clone();
    blocking(move || {
        // The file may be gone (deleted outside the app, buffer kept): the gate needs no file.
        let rel = blog.writable(&path)?;
        Ok(journal.write(blog.root(), rel.as_str(), &text)?)
    })
    .await
}

/// Journals an unsaved buffer as its last journaled text with `edit` applied (the changes
/// since version `edit.base`). Fails with `journal_stale` when the journal does not hold that
/// version: the window then sends the whole text. Returns the new version.
#[tauri::command]
pub async fn journal_edit(
    state: State<'_, AppState>,
    path: String,
    edit: TextEdit,
) -> CmdResult<u32> {
    let blog = state.blog()?;
    let journal = state.journal.clone();
    blocking(move || {
        let rel = blog.writable(&path)?;
        journal
            .edit(blog.root(), rel.as_str(), &edit)?
            .ok_or_else(|| CommandError::new("journal_stale", "the journal's text is out of date"))
    })
    .await
}

/// Forgets a journaled buffer: it was saved or discarded.
#[tauri::command]
pub async fn journal_clear(state: State<'_, AppState>, path: String) -> CmdResult<()> {
    let blog = state.blog()?;
    let journal = state.journal.clone();
    blocking(move || {
        journal.clear(blog.root(), &path);
        Ok(())
    })
    .await
}

/// Buffers an earlier session left unsaved in the open blog.
#[tauri::command]
pub async fn journal_pending(state: State<'_, AppState>) -> CmdResult<Vec<Recovered>> {
    let blog = state.blog()?;
    let journal = state.journal.clone();
    blocking(move || Ok(journal.pending(&blog))).await
}
