//! Inkstone's desktop app: managed state, plugins, the `inkstone:` image scheme and the
//! command table. Everything else lives in the core crates; commands are thin adapters.

mod commands;
pub mod edits;
pub mod error;
pub mod journal;
mod links;
pub mod protocol;
pub mod sample;
mod settings;
mod state;
pub mod types;
pub mod watcher;

use std::path::PathBuf;

use tauri::webview::NewWindowResponse;
use tauri::{Manager, Url, WebviewUrl, WebviewWindowBuilder};

use crate::state::AppState;

fn data_dir(app: &tauri::App) -> PathBuf {
    std::env::var_os("INKSTONE_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| app.path().app_data_dir().ok())
        .unwrap_or_else(|| std::env::temp_dir().join("inkstone"))
}

/// Only the app's own page may load in the window: a link that slips through the preview's
/// handling never replaces the app with a web page.
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        "about" => matches!(url.path(), "blank" | "srcdoc"),
        _ => false,
    }
}

/// When the process started (as near as the app can tell: the start of `run`).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
/// Milliseconds from the start until the window and its webview were created.
static WINDOW_BUILT: std::sync::OnceLock<f64> = std::sync::OnceLock::new();

fn since_start() -> f64 {
    STARTED
        .get()
        .map_or(0.0, |s| s.elapsed().as_secs_f64() * 1e3)
}

/// The window shows a post ready to edit. Reports how long the start took, and where the time
/// went, on standard error; and, when `INKSTONE_READY_FILE` names a file, the total in it
/// (milliseconds; for `make bench`). `marks` are the page's own moments (name, milliseconds
/// since the Unix epoch: the page's clock is not ours).
#[tauri::command]
fn app_ready(marks: Vec<(String, f64)>) {
    let ms = since_start();
    let epoch_now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs_f64()
        * 1e3;
    let start = epoch_now - ms;
    let mut steps = format!("window {:.0}", WINDOW_BUILT.get().copied().unwrap_or(0.0));
    for (name, at) in marks.iter().take(8) {
        let name: String = name
            .chars()
            .filter(char::is_ascii_alphabetic)
            .take(16)
            .collect();
        steps.push_str(&format!(", {name} {:.0}", at - start));
    }
    eprintln!("inkstone: window ready to edit {ms:.0} ms after start ({steps})");
    if let Some(path) = std::env::var_os("INKSTONE_READY_FILE")
        && let Err(e) = std::fs::write(&path, format!("{ms:.1}\n"))
    {
        eprintln!(
            "inkstone: cannot write {}: {e}",
            PathBuf::from(path).display()
        );
    }
}

/// Builds and runs the app.
pub fn run() {
    let _ = STARTED.set(std::time::Instant::now());
    // libgit2's start-up and network timeouts (a dead server fails, never hangs), off the
    // path to the window: git's entry points wait for it if they come first.
    std::thread::spawn(inkstone_git::init);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let dir = data_dir(app);
            std::fs::create_dir_all(&dir)?;
            app.manage(AppState::new(dir));
            let handle = app.handle().clone();
            WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .title("Inkstone")
                .inner_size(1360.0, 860.0)
                .min_inner_size(760.0, 480.0)
                .on_navigation(is_app_url)
                // The preview's links ask for a new window (they carry target=_blank and the
                // frame may not run script): open them outside, never in the app.
                .on_new_window(move |url, _| {
                    links::follow(&handle, &url);
                    NewWindowResponse::Deny
                })
                .build()?;
            let _ = WINDOW_BUILT.set(since_start());
            Ok(())
        })
        .register_asynchronous_uri_scheme_protocol(protocol::SCHEME, |ctx, request, responder| {
            let root = ctx
                .app_handle()
                .try_state::<AppState>()
                .and_then(|s| s.blog().ok())
                .map(|b| b.root().to_path_buf());
            let path = request.uri().path().to_string();
            tauri::async_runtime::spawn_blocking(move || {
                responder.respond(protocol::respond(root, &path))
            });
        })
        .invoke_handler(tauri::generate_handler![
            commands::blog::blog_open,
            commands::blog::blog_open_initial,
            commands::blog::blog_posts,
            commands::blog::blog_recent,
            commands::post::post_open,
            commands::post::post_save,
            commands::post::post_create,
            commands::preview::preview_render,
            commands::preview::preview_css,
            commands::frontmatter::frontmatter_set,
            commands::publish::publish_plan,
            commands::publish::publish_run,
            commands::publish::publish_token_save,
            commands::publish::publish_identity_save,
            commands::terms::terms_plan,
            commands::terms::terms_apply,
            commands::terms::terms_undo,
            commands::terms::post_draft,
            commands::terms::search_query,
            commands::post::journal_write,
            commands::post::journal_clear,
            commands::post::journal_pending,
            commands::post::post_disk,
            commands::post::post_split,
            app_ready,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("inkstone: {e}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_page_may_load() {
        for ok in [
            "tauri://localhost/",
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "about:srcdoc",
        ] {
            assert!(is_app_url(&Url::parse(ok).unwrap()), "{ok}");
        }
        for bad in [
            "https://evil.example/",
            "http://localhost:8080/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "inkstone://localhost/x.png",
        ] {
            assert!(!is_app_url(&Url::parse(bad).unwrap()), "{bad}");
        }
    }
}
