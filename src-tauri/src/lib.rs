//! Inkstone's desktop app: managed state, plugins, the `inkstone:` image scheme and the
//! command table. Everything else lives in the core crates; commands are thin adapters.

mod commands;
pub mod edits;
pub mod error;
pub mod journal;
pub mod launch;
mod links;
pub mod protocol;
pub mod sample;
mod settings;
mod state;
pub mod types;
pub mod watcher;

use std::path::PathBuf;

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::webview::NewWindowResponse;
use tauri::{Emitter, Manager, Url, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_window_state::StateFlags;

use crate::state::AppState;

fn data_dir(app: &tauri::App) -> PathBuf {
    std::env::var_os("INKSTONE_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| app.path().app_data_dir().ok())
        .unwrap_or_else(|| std::env::temp_dir().join("inkstone"))
}

/// Lets the system's spell checker look at what the page marks `spellcheck` (the editor when
/// the setting is on; never code or CJK text). macOS and Windows web views check by
/// themselves; WebKitGTK needs its context told, with a language (Enchant's dictionaries:
/// Debian's `hunspell-en-us`).
fn spell_checking(app: &tauri::App) {
    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.with_webview(|view| {
            use webkit2gtk::{WebContextExt, WebViewExt};
            if let Some(context) = view.inner().context() {
                context.set_spell_checking_enabled(true);
                context.set_spell_checking_languages(&["en_US"]);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// WebKitGTK's accelerated compositing, off unless `INKSTONE_COMPOSITING=on`: measured by
/// `make bench` (README), the window then holds about a third less memory and paints a
/// keystroke sooner, where compositing runs on software GL; a text editor and a preview
/// need none of what it accelerates (3D transforms, video, WebGL). Linux only: the other
/// platforms' webviews composite on the system's own compositor.
fn compositing(app: &tauri::App) {
    #[cfg(target_os = "linux")]
    if std::env::var("INKSTONE_COMPOSITING").as_deref() != Ok("on")
        && let Some(window) = app.get_webview_window("main")
    {
        let _ = window.with_webview(|view| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = WebViewExt::settings(&view.inner()) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// Where the window-state plugin keeps the window's place: relative to the app's config
/// folder, or (an absolute path, which the plugin's join keeps) in INKSTONE_DATA_DIR.
fn window_state_file() -> String {
    match std::env::var_os("INKSTONE_DATA_DIR") {
        Some(dir) => PathBuf::from(dir)
            .join("window-state.json")
            .to_string_lossy()
            .into_owned(),
        None => "window-state.json".into(),
    }
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

/// Whether the page has started (and so listens for `close-requested`); until then, and once
/// the page has settled its unsaved posts, a close request closes.
static PAGE_UP: AtomicBool = AtomicBool::new(false);
static MAY_CLOSE: AtomicBool = AtomicBool::new(false);

/// Closing the window asks the page first: it journals and asks about unsaved posts, then
/// calls `app_close`.
fn on_window_event(window: &tauri::Window, event: &tauri::WindowEvent) {
    // Files dropped on the window: kept here (the page never names a path of its own), the
    // page told where they fell so it can add them to the post there.
    if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, position }) = event
        && let Some(state) = window.try_state::<AppState>()
    {
        *state::relock(&state.dropped, Vec::new) = paths.clone();
        let scale = window.scale_factor().unwrap_or(1.0);
        let _ = window.emit(
            "files-dropped",
            (paths.len(), position.x / scale, position.y / scale),
        );
    }
    if let tauri::WindowEvent::CloseRequested { api, .. } = event
        && PAGE_UP.load(Ordering::SeqCst)
        && !MAY_CLOSE.load(Ordering::SeqCst)
    {
        api.prevent_close();
        let _ = window.emit("close-requested", ());
    }
}

/// The page has dealt with its unsaved posts: the window closes.
#[tauri::command]
fn app_close(window: tauri::Window) {
    MAY_CLOSE.store(true, Ordering::SeqCst);
    let _ = window.close();
}

/// When the process started (as near as the app can tell: the start of `run`).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
/// Milliseconds from the start until the window and its webview were created.
static WINDOW_BUILT: std::sync::OnceLock<f64> = std::sync::OnceLock::new();

/// When the core began and finished opening the first blog (ms from the start).
pub(crate) static INITIAL_BLOG: std::sync::OnceLock<(f64, f64)> = std::sync::OnceLock::new();

pub(crate) fn since_start() -> f64 {
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
    PAGE_UP.store(true, Ordering::SeqCst);
    let ms = since_start();
    let epoch_now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs_f64()
        * 1e3;
    let start = epoch_now - ms;
    let mut steps = format!("window {:.0}", WINDOW_BUILT.get().copied().unwrap_or(0.0));
    if let Some((from, to)) = INITIAL_BLOG.get() {
        steps.push_str(&format!(", core blog {from:.0}–{to:.0}"));
    }
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
    let context = tauri::generate_context!();
    let instance = launch::instance_id(&context.config().identifier);
    tauri::Builder::default()
        // What second launches hand over is kept from the first moment (see `Handovers`).
        .manage(launch::Handovers::default())
        // First: a second launch hands over its arguments and exits before anything else starts.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance)
                .callback(launch::handed_over)
                .build(),
        )
        // The window's size, position and maximized state, saved on close and restored when
        // it is ready: in the app's config folder (with the app's data under
        // INKSTONE_DATA_DIR, as the tests run many apps).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(
                    StateFlags::SIZE
                        | StateFlags::POSITION
                        | StateFlags::MAXIMIZED
                        | StateFlags::FULLSCREEN,
                )
                .with_filename(window_state_file())
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .on_window_event(on_window_event)
        .setup(|app| {
            let dir = data_dir(app);
            std::fs::create_dir_all(&dir)?;
            // The page's own storage (its settings: UI language, library options) lives with
            // the app's other data, so one data folder is one user (tests run many).
            let webview_data = dir.join("webview");
            app.manage(AppState::new(dir));
            let handle = app.handle().clone();
            WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .data_directory(webview_data)
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
            spell_checking(app);
            compositing(app);
            let _ = WINDOW_BUILT.set(since_start());
            commands::blog::prefetch_initial(app.handle());
            Ok(())
        })
        .register_asynchronous_uri_scheme_protocol(protocol::SCHEME, |ctx, request, responder| {
            let root = ctx
                .app_handle()
                .try_state::<AppState>()
                .and_then(|s| s.blog().ok())
                .map(|b| (b.root().to_path_buf(), b.alone_file().is_some()));
            let path = request.uri().path().to_string();
            tauri::async_runtime::spawn_blocking(move || {
                responder.respond(protocol::respond(root, &path))
            });
        })
        .invoke_handler(tauri::generate_handler![
            commands::blog::blog_open,
            commands::blog::blog_pick,
            commands::blog::blog_open_initial,
            commands::blog::blog_handover,
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
            commands::terms::post_translate,
            commands::terms::check_run,
            commands::images::image_paste,
            commands::images::image_insert,
            commands::images::image_drop,
            commands::terms::search_query,
            commands::post::journal_write,
            commands::post::journal_edit,
            commands::post::journal_clear,
            commands::post::journal_pending,
            commands::post::post_disk,
            commands::post::post_split,
            commands::github::github_account,
            commands::github::github_sign_in,
            commands::github::github_sign_in_wait,
            commands::github::github_sign_in_cancel,
            commands::github::github_token,
            commands::github::github_sign_out,
            commands::github::github_repos,
            commands::github::github_clone,
            commands::github::github_follow,
            commands::github::github_workflow,
            commands::github::github_repository_set,
            commands::settings::blog_settings,
            commands::settings::blog_settings_save,
            app_ready,
            app_close,
        ])
        .run(context)
        .unwrap_or_else(|e| {
            eprintln!("inkstone: {e}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// The app's commands are named in four places: the handler table here, the build
    /// script's permission list, the window's capability and the UI's IPC wrappers. A command
    /// missing from one of them either fails at run time or is callable with no purpose.
    #[test]
    fn the_command_lists_agree() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
        let lib = read("src/lib.rs");
        let table = &lib[lib.find("generate_handler![").unwrap()..];
        let table = &table[..table.find("])").unwrap()];
        let handlers: BTreeSet<String> = table
            .split(',')
            .filter_map(|e| e.trim().rsplit("::").next())
            .map(|n| {
                n.trim_start_matches("generate_handler![")
                    .trim()
                    .to_string()
            })
            .filter(|n| !n.is_empty())
            .collect();
        let build = read("build.rs");
        let built: BTreeSet<String> = build
            .lines()
            .filter_map(|l| {
                l.trim()
                    .strip_prefix('"')?
                    .strip_suffix("\",")
                    .map(str::to_string)
            })
            .collect();
        let capability: serde_json::Value =
            serde_json::from_str(&read("capabilities/main.json")).unwrap();
        let allowed: BTreeSet<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        let ipc = read("../ui/src/ipc/index.ts");
        let called: BTreeSet<String> = ipc
            .split("call<")
            .skip(1)
            // `call<Type>("command", …)`, on one line; the definition `call<T>(cmd…` is not.
            .filter_map(|rest| rest.lines().next()?.split(">(\"").nth(1)?.split('"').next())
            .map(str::to_string)
            .collect();
        assert_eq!(handlers, built, "generate_handler! vs build.rs");
        assert_eq!(
            handlers, allowed,
            "generate_handler! vs capabilities/main.json"
        );
        assert_eq!(handlers, called, "generate_handler! vs ui/src/ipc/index.ts");
    }

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
