//! The live preview: rendered off the UI thread, and only the newest request is rendered.

use std::sync::atomic::Ordering;

use inkstone_content::{Generator, frontmatter};
use inkstone_render::{Incremental, RenderOptions, Theme, highlight_css};
use tauri::State;

use crate::edits::{self, TextEdit};
use crate::error::{CmdResult, CommandError};
use crate::protocol::image_base;
use crate::state::{AppState, PreviewSlot};
use crate::types::Preview;

/// Renders the post's current text as a patch of the preview the UI shows (`have`, the
/// version its preview is at; 0 for an empty one). The text comes whole (`text`) or as the
/// changes since an earlier request (`edit`); an edit the core cannot apply fails with
/// `preview_stale`, and the UI sends the whole text. Returns `None` when a newer request
/// arrived meanwhile (its text is then not taken).
#[tauri::command]
pub async fn preview_render(
    state: State<'_, AppState>,
    path: String,
    text: Option<String>,
    edit: Option<TextEdit>,
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
    let slots = std::sync::Arc::clone(&state.preview);
    let job = move || {
        let mut slot = crate::state::relock(&slots, || None);
        let same_post = slot.as_ref().is_some_and(|s| s.path == path);
        let text = match (text, edit) {
            (Some(text), _) => text,
            (None, Some(edit)) => slot
                .as_ref()
                .filter(|s| same_post && s.seq == edit.base)
                .and_then(|s| edits::apply(&s.text, &edit))
                .ok_or_else(|| {
                    CommandError::new("preview_stale", "the preview's text is out of date")
                })?,
            (None, None) => return Err(CommandError::new("internal", "no text to render")),
        };
        if !same_post {
            *slot = None;
        }
        let slot = slot.get_or_insert_with(|| PreviewSlot {
            path: path.clone(),
            renderer: Incremental::new(),
            seq: 0,
            text: String::new(),
        });
        // The UI's preview is not the one the renderer patched last: start it afresh.
        if have != slot.renderer.version() {
            slot.renderer = Incremental::new();
        }
        let renderer = &mut slot.renderer;
        // Front matter and body only: the renderer counts the words, around the edit.
        let (update, error) = match blog.read_text_for_preview(&path, &text) {
            Ok(doc) => (blog.preview_post(&doc, Some(image_base()), renderer), None),
            // Mid-edit front matter: render the text after it anyway and say what is wrong.
            Err(e) => {
                let hexo = blog.site().generator == Generator::Hexo;
                let (body, line) = frontmatter::split(&text, hexo)
                    .map_or((text.as_str(), 1), |s| (s.body, s.body_line(&text)));
                let options = RenderOptions {
                    flavor: blog.site().markdown,
                    line_offset: line - 1,
                    ..Default::default()
                };
                (renderer.update(body, &options), Some(e.to_string()))
            }
        };
        slot.seq = seq;
        slot.text = text;
        Ok::<_, CommandError>(Preview { seq, update, error })
    };
    let preview = tauri::async_runtime::spawn_blocking(job)
        .await
        .map_err(|e| {
            CommandError::new(
                "internal",
                format!("the preview could not render this text (a bug; the next edit renders afresh): {e}"),
            )
        })??;
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
