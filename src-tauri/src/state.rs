//! What the app holds between commands: the open blog, its settings file, the render clock.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, RwLock};

use inkstone_content::Blog;

use crate::error::{CmdResult, CommandError};
use crate::settings::Settings;

pub struct AppState {
    blog: RwLock<Option<Arc<Blog>>>,
    /// Where settings, the sample blog copy and (later) journals live.
    pub data_dir: PathBuf,
    pub settings: Mutex<Settings>,
    /// The newest preview request; older ones are dropped unrendered (latest wins).
    pub preview_seq: AtomicU64,
    /// The incremental renderer of the post in the preview, by its path.
    pub preview: Arc<Mutex<Option<(String, inkstone_render::Incremental)>>>,
    /// A publish is running (one at a time).
    pub publishing: AtomicBool,
    /// Unsaved buffers, journaled for crash recovery.
    pub journal: crate::journal::Journal,
    /// What the app wrote, so the watcher does not report it back.
    pub own_writes: Arc<crate::watcher::OwnWrites>,
    /// The watch of the open blog (replaced when another blog opens).
    pub watcher: Mutex<Option<crate::watcher::BlogWatcher>>,
    /// The last tag or category operation, for Undo.
    pub last_terms: Mutex<Option<Vec<inkstone_content::FileChange>>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> Self {
        let settings = Settings::load(&data_dir);
        let journal = crate::journal::Journal::new(&data_dir);
        AppState {
            blog: RwLock::new(None),
            data_dir,
            settings: Mutex::new(settings),
            preview_seq: AtomicU64::new(0),
            preview: Arc::default(),
            publishing: AtomicBool::new(false),
            last_terms: Mutex::new(None),
            journal,
            own_writes: Arc::default(),
            watcher: Mutex::new(None),
        }
    }

    pub fn blog(&self) -> CmdResult<Arc<Blog>> {
        self.blog
            .read()
            .ok()
            .and_then(|b| b.clone())
            .ok_or_else(|| CommandError::new("no_blog", "no blog is open"))
    }

    pub fn set_blog(&self, blog: Blog) -> Arc<Blog> {
        let blog = Arc::new(blog);
        if let Ok(mut slot) = self.blog.write() {
            *slot = Some(Arc::clone(&blog));
        }
        blog
    }
}
