//! Front-matter form edits: one field at a time, nothing else touched.

use inkstone_content::{FieldValue, Generator, fmedit, terms};
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
    let generator = state.blog().ok().map(|b| b.site().generator);
    let hexo = generator == Some(Generator::Hexo);
    // `tags` edits the key the generator reads (Jekyll's `tag:` when it is set).
    let key = match generator {
        Some(g) => terms::field_key(g, &head, &key),
        None => &key,
    };
    Ok(fmedit::set_field(&head, hexo, key, &value)?)
}
