//! Opening a blog and listing it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use inkstone_content::lock::BlogLock;
use inkstone_content::{Blog, Post};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::blocking;
use crate::error::{CmdResult, CommandError};
use crate::launch::{Handover, Handovers};
use crate::sample::sample_blog;
use crate::state::{AppState, relock};
use crate::types::{BlogInfo, SiteLanguage};
use crate::watcher::BlogWatcher;

/// The blog's name as the window shows it: the site's title, or its folder's name.
pub(crate) fn display_name(blog: &Blog) -> String {
    blog.site().title.clone().unwrap_or_else(|| {
        blog.root()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    })
}

fn info(state: &AppState, blog: &Arc<Blog>) -> BlogInfo {
    // Right after the blog opened, every file is read; later, only those changed since.
    let posts = relock(&state.posts, Default::default).current(blog);
    let root = blog.root().display().to_string();
    let name = display_name(blog);
    BlogInfo {
        is_sample: blog.root().starts_with(
            state
                .data_dir
                .canonicalize()
                .map(|p| dunce::simplified(&p).to_path_buf())
                .unwrap_or_else(|_| state.data_dir.clone()),
        ),
        tags: blog.tags(&posts),
        categories: blog.categories(&posts),
        generator: blog.site().generator,
        posts,
        open: None,
        languages: blog
            .site()
            .languages
            .list
            .iter()
            .map(|l| SiteLanguage {
                code: l.code.clone(),
                name: l.name.clone(),
            })
            .collect(),
        root,
        name,
        notice: None,
        alone: blog
            .alone_file()
            .map(|name| blog.root().join(name).display().to_string()),
    }
}

/// Opens the blog at `path` (on the blocking pool: it reads every post).
pub(crate) fn open_at(app: &AppHandle, path: PathBuf) -> CmdResult<BlogInfo> {
    let state = app.state::<AppState>();
    let state = state.inner();
    // The blog already open here keeps its lock.
    let lock = take_lock(state, &path)?;
    let blog = Blog::open(&path)?;
    // Opened: the new lock replaces the old one (a failed open kept the old blog locked).
    if let Some(lock) = lock {
        *relock(&state.blog_lock, || None) = Some(lock);
    }
    watch(app, state, blog.root(), true);
    if let Ok(mut settings) = state.settings.lock() {
        settings.remember(&blog.root().display().to_string());
        // Failing to remember is not worth failing the open for.
        let _ = settings.save(&state.data_dir);
    }
    let blog = state.set_blog(blog);
    Ok(info(state, &blog))
}

/// Opens the Markdown file at `file`, which belongs to no blog, alone (see [`Blog::alone`]):
/// locked like a blog, its folder watched but not the folders below, and not remembered among
/// the recent blogs.
pub(crate) fn open_alone(app: &AppHandle, file: PathBuf) -> CmdResult<BlogInfo> {
    let state = app.state::<AppState>();
    let state = state.inner();
    let lock = take_lock(state, &file)?;
    let blog = Blog::alone(&file)?;
    if let Some(lock) = lock {
        *relock(&state.blog_lock, || None) = Some(lock);
    }
    watch(app, state, blog.root(), false);
    // Below a config that cannot be read, the window says so (its error names file and line).
    let notice = match Blog::find(blog.root()) {
        Err(inkstone_content::Error::NoBlogFound(_)) | Ok(_) => None,
        Err(e) => Some(e.to_string()),
    };
    let blog = state.set_blog(blog);
    let mut info = info(state, &blog);
    info.open = blog.alone_file().map(str::to_string);
    info.notice = notice;
    Ok(info)
}

/// The lock of the blog (or file) at `path`: one process per blog, taken before anything is
/// read or written (opening may finish an interrupted operation). `None` when this process
/// holds it already.
fn take_lock(state: &AppState, path: &Path) -> CmdResult<Option<BlogLock>> {
    let held_here = |root: &Path| {
        relock(&state.blog_lock, || None)
            .as_ref()
            .is_some_and(|l| l.root() == root)
    };
    Ok(match dunce::canonicalize(path) {
        Ok(root) if !held_here(&root) => Some(BlogLock::take(&root)?),
        _ => None,
    })
}

/// Watches the blog (`recursive`), or the folder of a file opened alone, for edits made
/// outside the app; a blog that cannot be watched (too many folders for inotify, say) still
/// opens, it just does not reload by itself.
fn watch(app: &AppHandle, state: &AppState, root: &Path, recursive: bool) {
    let Ok(mut slot) = state.watcher.lock() else {
        return;
    };
    // Stop the old watch before starting the new one.
    *slot = None;
    // `INKSTONE_WATCH=0` opens blogs unwatched (a network drive, a blog too big for inotify);
    // saving still refuses to overwrite a file that changed since it was opened.
    if std::env::var_os("INKSTONE_WATCH").is_some_and(|v| v == "0") {
        return;
    }
    let app = app.clone();
    let search = Arc::clone(&state.search);
    let posts = Arc::clone(&state.posts);
    let touch = move |paths: Vec<String>, lost: bool| {
        crate::state::relock(&search, Default::default).touched(&paths, lost);
        crate::state::relock(&posts, Default::default).touched(&paths, lost);
    };
    match BlogWatcher::start(
        root,
        recursive,
        Arc::clone(&state.own_writes),
        move |changed| {
            let _ = app.emit("blog-changed", changed);
        },
        touch,
    ) {
        Ok(w) => *slot = Some(w),
        Err(e) => eprintln!("inkstone: not watching {}: {e}", root.display()),
    }
}

/// Shows the system's folder dialog (from here, so the page never names a folder of its own)
/// and returns the folder the user picked, which `blog_open` then accepts once; `None` when
/// the dialog was cancelled.
#[tauri::command]
pub async fn blog_pick(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<String>> {
    let dialog = app.clone();
    let picked =
        tauri::async_runtime::spawn_blocking(move || dialog.dialog().file().blocking_pick_folder())
            .await
            .map_err(|e| CommandError::new("internal", e.to_string()))?;
    let folder = match picked.map(|p| p.into_path()) {
        Some(Ok(dir)) => dunce::simplified(&dir).display().to_string(),
        Some(Err(e)) => return Err(CommandError::new("io", e.to_string())),
        None => return Ok(None),
    };
    *relock(&state.picked, || None) = Some(folder.clone());
    Ok(Some(folder))
}

/// Opens the blog at `path`: one the user just picked in the folder dialog (`blog_pick`), the
/// one a second launch handed over (`blog_handover`), or one of the recently opened blogs.
/// Any other folder named by the page is refused.
#[tauri::command]
pub async fn blog_open(
    app: AppHandle,
    state: State<'_, AppState>,
    handovers: State<'_, Handovers>,
    path: String,
) -> CmdResult<BlogInfo> {
    let picked = relock(&state.picked, || None).take();
    let handed = handovers.accepts(&path);
    let known = handed
        || picked.as_deref() == Some(path.as_str())
        || state
            .settings
            .lock()
            .map(|s| s.recent.contains(&path))
            .unwrap_or(false);
    if !known {
        return Err(CommandError::new(
            "refused",
            format!(
                "{path}: not a folder the user picked or opened before; choose it with Open blog…"
            ),
        ));
    }
    // A file is one a second launch named to open alone (`launch::handed_over`).
    blocking(move || {
        let path = PathBuf::from(path);
        if path.is_file() {
            open_alone(&app, path)
        } else {
            open_at(&app, path)
        }
    })
    .await
}

/// What a second launch asked for (`launch::handed_over`), once; `None` when nothing is
/// waiting. The blog it names (or the file to open alone) is then accepted by `blog_open`
/// once.
#[tauri::command]
pub fn blog_handover(handovers: State<'_, Handovers>) -> Option<Handover> {
    handovers.take()
}

/// Opens the blog to show at start on a thread of its own, called as the window is built: a
/// large blog's posts are read while WebKit starts and loads the page, not after the page
/// asks for them.
pub(crate) fn prefetch_initial(app: &AppHandle) {
    let (tx, rx) = std::sync::mpsc::channel();
    *relock(&app.state::<AppState>().initial, || None) = Some(rx);
    let app = app.clone();
    std::thread::spawn(move || {
        let from = crate::since_start();
        let info = initial(&app);
        let _ = crate::INITIAL_BLOG.set((from, crate::since_start()));
        let _ = tx.send(info);
    });
}

/// The blog to show at start: the one the app was started with (`inkstone-app PATH`, a blog
/// or a post in one), else `INKSTONE_BLOG`, else the last one, else the sample copy. The
/// first call takes the blog opened during start-up; a later one (the page loaded again)
/// opens it again.
#[tauri::command]
pub async fn blog_open_initial(app: AppHandle) -> CmdResult<BlogInfo> {
    let prefetched = relock(&app.state::<AppState>().initial, || None).take();
    blocking(move || {
        let Some(opened) = prefetched.and_then(|rx| rx.recv().ok()) else {
            return initial(&app);
        };
        let opened = opened?;
        let state = app.state::<AppState>();
        let Ok(blog) = state.blog() else {
            return Ok(opened);
        };
        // The list as it is now: files changed since the open (the page listens for changes
        // only from its start) are read again. Another blog opened meanwhile (a second launch
        // handed one over) is the open one.
        let mut now = info(&state, &blog);
        if now.root == opened.root {
            now.open = opened.open;
            now.notice = opened.notice;
        }
        Ok(now)
    })
    .await
}

/// The blog to open first (see `blog_open_initial`).
fn initial(app: &AppHandle) -> CmdResult<BlogInfo> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    if let Some(path) = crate::launch::path_arg(&args, &cwd) {
        let launch = crate::launch::resolve(&path)?;
        if launch.alone {
            return open_alone(app, launch.blog);
        }
        let mut info = open_at(app, launch.blog)?;
        info.open = launch.post;
        return Ok(info);
    }
    if let Some(path) = std::env::var_os("INKSTONE_BLOG").filter(|p| !p.is_empty()) {
        return open_at(app, PathBuf::from(path));
    }
    let state = app.state::<AppState>();
    let last = state
        .settings
        .lock()
        .ok()
        .and_then(|s| s.last().map(PathBuf::from));
    // A last blog that is gone or broken falls back to the sample; one that another
    // Inkstone window has open is said so.
    if let Some(last) = last.filter(|p| p.is_dir()) {
        match open_at(app, last) {
            Ok(info) => return Ok(info),
            Err(e) if e.code == "blog_in_use" => return Err(e),
            Err(_) => {}
        }
    }
    let sample = sample_blog(&state.data_dir)
        .map_err(|e| CommandError::new("io", format!("cannot copy the sample blog: {e}")))?;
    open_at(app, sample)
}

/// The open blog's posts, each file read again; with `changed_only`, only the files the
/// watcher saw change since the list was read (after `blog-changed`: a save in another
/// editor, a `git pull`).
#[tauri::command]
pub async fn blog_posts(
    state: State<'_, AppState>,
    changed_only: Option<bool>,
) -> CmdResult<Vec<Post>> {
    let blog = state.blog()?;
    let posts = Arc::clone(&state.posts);
    blocking(move || {
        let mut posts = relock(&posts, Default::default);
        Ok(if changed_only == Some(true) {
            posts.current(&blog)
        } else {
            posts.read(&blog)
        })
    })
    .await
}

/// Recently opened blogs, most recent first.
#[tauri::command]
pub async fn blog_recent(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    Ok(state
        .settings
        .lock()
        .map(|s| s.recent.clone())
        .unwrap_or_default())
}
