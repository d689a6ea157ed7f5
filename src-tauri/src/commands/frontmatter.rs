//! Front-matter form edits: one field at a time, nothing else touched.

use inkstone_content::{FieldValue, Generator, fmedit};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Returns `head` (everything before the body) with `key` set to `value`.
#[tauri::command]
pub async fn frontmatter_set(
    state: State<'_, AppState>,
    head: String,
    key: String,
    value: FieldValue,
) -> CmdResult<String> {
    let hexo = state
        .blog()
        .map(|b| b.site().generator == Generator::Hexo)
        .unwrap_or(false);
    Ok(fmedit::set_field(&head, hexo, &key, &value)?)
}
