//! Putting an image into the open post: pasted bytes, files dropped on the window, or one
//! picked in the system's file dialog. The page never names a file outside the blog: dropped
//! and picked paths come from the window system and are taken from here, once.

use std::path::PathBuf;

use inkstone_content::SlugStyle;
use inkstone_content::addimage::ImageAdded;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::blocking;
use crate::error::{CmdResult, CommandError};
use crate::state::{AppState, relock};

/// A header's value, percent-decoded (paths and names may be Chinese; headers are ASCII).
fn header(request: &tauri::ipc::Request<'_>, name: &str) -> CmdResult<String> {
    let raw = request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| CommandError::new("invalid", format!("missing {name}")))?;
    Ok(inkstone_content::images::percent_decode(raw))
}

/// Adds the image files at `paths` to the post at `post` (see `Blog::add_image`); a move of
/// the post into its bundle is recorded in git.
fn add_files(
    state: &AppState,
    post: String,
    paths: Vec<PathBuf>,
) -> impl std::future::Future<Output = CmdResult<Vec<ImageAdded>>> + use<> {
    let blog = state.whole_blog();
    async move {
        let blog = blog?;
        blocking(move || {
            let mut post = post;
            let mut out = Vec::new();
            for path in paths {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if inkstone_content::addimage::safe_name(&name, SlugStyle::Pinyin).is_none() {
                    continue;
                }
                let bytes = std::fs::read(&path)
                    .map_err(|e| CommandError::new("io", format!("{}: {e}", path.display())))?;
                let added = blog.add_image(&post, &name, &bytes, "", slug_style(&blog))?;
                if let Some(from) = &added.moved_from {
                    let _ = inkstone_git::record_move(blog.root(), from, &added.post);
                }
                post = added.post.clone();
                out.push(added);
            }
            Ok(out)
        })
        .await
    }
}

/// A pasted image: its bytes are the request's body; `x-post` and `x-name` (percent-encoded)
/// say for which post and under what name (`image.png` for clipboard data without one, named
/// then by its content).
#[tauri::command]
pub async fn image_paste(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<ImageAdded> {
    let blog = state.whole_blog()?;
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::new(
            "invalid",
            "the image's bytes are missing",
        ));
    };
    let bytes = bytes.clone();
    let post = header(&request, "x-post")?;
    let mut name = header(&request, "x-name")?;
    if name.is_empty() || name.starts_with("image.") {
        // Clipboard data: named by its content, so the same image pasted twice is one file.
        let ext = name.rsplit_once('.').map_or("png", |(_, e)| e).to_string();
        name = format!("image-{:08x}.{ext}", fnv1a(&bytes));
    }
    blocking(move || {
        let added = blog.add_image(&post, &name, &bytes, "", slug_style(&blog))?;
        if let Some(from) = &added.moved_from {
            let _ = inkstone_git::record_move(blog.root(), from, &added.post);
        }
        Ok(added)
    })
    .await
}

/// The blog's `slug_style` (`.inkstone.toml`); a malformed file is reported by `add_image`.
fn slug_style(blog: &inkstone_content::Blog) -> SlugStyle {
    inkstone_content::settings::BlogSettings::read(blog.root())
        .map(|s| s.slug_style)
        .unwrap_or_default()
}

fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// *Insert image…*: the system's file dialog, then the picked images added to `post`.
#[tauri::command]
pub async fn image_insert(
    app: AppHandle,
    state: State<'_, AppState>,
    post: String,
) -> CmdResult<Vec<ImageAdded>> {
    let dialog = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        dialog
            .dialog()
            .file()
            .add_filter(
                "Images",
                &["png", "jpg", "jpeg", "gif", "webp", "svg", "avif"],
            )
            .blocking_pick_files()
    })
    .await
    .map_err(|e| CommandError::new("internal", e.to_string()))?;
    let paths: Vec<PathBuf> = picked
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect();
    add_files(&state, post, paths).await
}

/// Files dropped on the window (kept by the window event) added to `post`, once.
#[tauri::command]
pub async fn image_drop(state: State<'_, AppState>, post: String) -> CmdResult<Vec<ImageAdded>> {
    let paths = std::mem::take(&mut *relock(&state.dropped, Vec::new));
    add_files(&state, post, paths).await
}
