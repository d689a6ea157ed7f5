//! Opening, saving and creating posts.

use inkstone_content::{Document, NewPost, Post, atomic};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Reads a post for editing.
#[tauri::command]
pub async fn post_open(state: State<'_, AppState>, path: String) -> CmdResult<Document> {
    Ok(state.blog()?.read_post(&path)?)
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
    let rel = blog.relative(&blog.root().join(&path))?;
    let file = blog.root().join(&rel);
    atomic::check_shrink(&file, &text, force.unwrap_or(false))?;
    atomic::write(&file, text.as_bytes())?;
    Ok(blog.read_post(&rel)?.post)
}

/// Creates a new post (never overwriting) and returns its path.
#[tauri::command]
pub async fn post_create(state: State<'_, AppState>, request: NewPost) -> CmdResult<String> {
    Ok(state.blog()?.new_post(&request)?)
}
