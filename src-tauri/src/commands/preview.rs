//! The live preview: rendered off the UI thread, and only the newest request is rendered.

use std::sync::atomic::Ordering;

use inkstone_content::{Generator, frontmatter};
use inkstone_render::{Incremental, RenderOptions, Theme, highlight_css};
use tauri::State;

use crate::error::{CmdResult, CommandError};
use crate::protocol::image_base;
use crate::state::AppState;
use crate::types::Preview;

/// Renders the post's current text as a patch of the preview the UI shows (`have`, the
/// version its preview is at; 0 for an empty one). Returns `None` when a newer request
/// arrived meanwhile.
#[tauri::command]
pub async fn preview_render(
    state: State<'_, AppState>,
    path: String,
    text: String,
    seq: u32,
    have: u32,
) -> CmdResult<Option<Preview>> {
    state
        .preview_seq
        .fetch_max(u64::from(seq), Ordering::SeqCst);
    let blog = state.blog()?;
    let latest = &state.preview_seq;
    if latest.load(Ordering::SeqCst) > u64::from(seq) {
        return Ok(None);
    }
    let renderers = std::sync::Arc::clone(&state.preview);
    let job = move || {
        let mut slot = renderers
            .lock()
            .map_err(|_| CommandError::new("internal", "preview state poisoned"))?;
        if slot.as_ref().is_none_or(|(p, _)| *p != path) {
            *slot = Some((path.clone(), Incremental::new()));
        }
        let Some((_, renderer)) = slot.as_mut() else {
            return Err(CommandError::new("internal", "no preview renderer"));
        };
        // The UI's preview is not the one the renderer patched last: start it afresh.
        if have != renderer.version() {
            *renderer = Incremental::new();
        }
        let (update, error) = match blog.read_text_as(&path, &text) {
            Ok(doc) => (blog.preview_post(&doc, Some(image_base()), renderer), None),
            // Mid-edit front matter: render the text after it anyway and say what is wrong.
            Err(e) => {
                let hexo = blog.site().generator == Generator::Hexo;
                let (body, line) = frontmatter::split(&text, hexo)
                    .map_or((text.as_str(), 1), |s| (s.body, s.body_line(&text)));
                let options = RenderOptions {
                    line_offset: line - 1,
                    ..Default::default()
                };
                (renderer.update(body, &options), Some(e.to_string()))
            }
        };
        Ok::<_, CommandError>(Preview { seq, update, error })
    };
    let preview = tauri::async_runtime::spawn_blocking(job)
        .await
        .map_err(|e| CommandError::new("internal", format!("render task failed: {e}")))??;
    Ok(Some(preview))
}

/// The code highlighting stylesheet: light, and dark under `prefers-color-scheme: dark`.
#[tauri::command]
pub fn preview_css() -> String {
    format!(
        "{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        highlight_css(Theme::Light),
        highlight_css(Theme::Dark)
    )
}
