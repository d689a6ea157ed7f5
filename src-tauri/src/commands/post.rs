//! Opening, saving and creating posts.

use inkstone_content::{Document, NewPost, Post, atomic};
use tauri::State;

use std::path::{Component, Path};

use crate::error::{CmdResult, CommandError};
use crate::journal::Recovered;
use crate::state::AppState;

/// Reads a post for editing.
#[tauri::command]
pub async fn post_open(state: State<'_, AppState>, path: String) -> CmdResult<Document> {
    Ok(state.blog()?.read_post(&path)?)
}

/// A post's text as it is on disk now (after a change outside the app); `None` when it is gone.
#[tauri::command]
pub async fn post_disk(state: State<'_, AppState>, path: String) -> CmdResult<Option<String>> {
    let blog = state.blog()?;
    let file = blog.root().join(&path);
    if !file.is_file() {
        return Ok(None);
    }
    let rel = blog.relative(&file)?;
    Ok(Some(inkstone_content::read_text(&blog.root().join(rel))?))
}

/// Splits a post's text (a recovered or merged buffer) into front matter and body.
#[tauri::command]
pub async fn post_split(
    state: State<'_, AppState>,
    path: String,
    text: String,
) -> CmdResult<Document> {
    Ok(state.blog()?.read_text_as(&path, &text)?)
}

/// Writes the post's full text atomically and returns it as re-read. Emptying the file or
/// cutting it by more than half needs `force` (the user confirmed).
#[tauri::command]
pub async fn post_save(
    state: State<'_, AppState>,
    path: String,
    text: String,
    force: Option<bool>,
) -> CmdResult<Post> {
    let blog = state.blog()?;
    let rel = save_target(&blog, &path)?;
    let file = blog.root().join(&rel);
    atomic::check_shrink(&file, &text, force.unwrap_or(false))?;
    state.own_writes.record(&rel, text.as_bytes());
    atomic::write(&file, text.as_bytes())?;
    Ok(blog.read_post(&rel)?.post)
}

/// Where a save of `path` goes: inside the blog, also when the file (or its bundle folder)
/// was deleted outside the app and the kept buffer writes it back.
fn save_target(blog: &inkstone_content::Blog, path: &str) -> CmdResult<String> {
    let file = blog.root().join(path);
    if file.exists() {
        return Ok(blog.relative(&file)?);
    }
    let lexical = Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    // The nearest folder that exists must really be inside the blog (no symlink out).
    let existing = file.ancestors().find(|a| a.exists());
    let inside = existing
        .and_then(|a| a.canonicalize().ok())
        .is_some_and(|a| a.starts_with(blog.root()));
    if !lexical || !inside {
        return Err(CommandError::new(
            "outside_blog",
            format!("{path} is not inside the blog"),
        ));
    }
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            CommandError::new("io", format!("cannot create {}: {e}", parent.display()))
        })?;
    }
    Ok(path.to_string())
}

/// Creates a new post (never overwriting) and returns its path.
#[tauri::command]
pub async fn post_create(state: State<'_, AppState>, request: NewPost) -> CmdResult<String> {
    Ok(state.blog()?.new_post(&request)?)
}

/// Journals an unsaved buffer (crash recovery).
#[tauri::command]
pub async fn journal_write(
    state: State<'_, AppState>,
    path: String,
    text: String,
) -> CmdResult<()> {
    let blog = state.blog()?;
    // Lexical check: the file may be gone (deleted outside the app, buffer kept).
    let inside = Path::new(&path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !inside {
        return Err(CommandError::new(
            "outside_blog",
            format!("{path} is not inside the blog"),
        ));
    }
    Ok(state.journal.write(blog.root(), &path, &text)?)
}

/// Forgets a journaled buffer: it was saved or discarded.
#[tauri::command]
pub async fn journal_clear(state: State<'_, AppState>, path: String) -> CmdResult<()> {
    let blog = state.blog()?;
    state.journal.clear(blog.root(), &path);
    Ok(())
}

/// Buffers an earlier session left unsaved in the open blog.
#[tauri::command]
pub async fn journal_pending(state: State<'_, AppState>) -> CmdResult<Vec<Recovered>> {
    let blog = state.blog()?;
    Ok(state.journal.pending(&blog))
}
