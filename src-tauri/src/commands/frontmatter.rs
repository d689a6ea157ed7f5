//! Front-matter form edits: one field at a time, nothing else touched.

use inkstone_content::{FieldValue, fmedit, terms};
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
    // `tags` edits the key the generator reads (Jekyll's `tag:` when it is set), and only it.
    Ok(match state.blog().ok().map(|b| b.site().generator) {
        Some(generator) => terms::set_form_field(generator, &head, &key, &value)?,
        None => fmedit::set_field(&head, false, &key, &value)?,
    })
}
