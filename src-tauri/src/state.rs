//! What the app holds between commands: the open blog, its settings file, the render clock.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

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
    /// The incremental renderer of the post in the preview.
    pub preview: Arc<Mutex<Option<PreviewSlot>>>,
    /// The open blog's search index, kept up to date by the watcher.
    pub search: Arc<Mutex<Search>>,
    /// The open blog's post list, kept up to date by the watcher.
    pub posts: Arc<Mutex<Posts>>,
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
    /// The folder the user last picked in the folder dialog, until `blog_open` takes it.
    pub picked: Mutex<Option<String>>,
    /// Files last dropped on the window, until `image_drop` takes them.
    pub dropped: Mutex<Vec<PathBuf>>,
    /// The first blog, being opened while WebKit starts, until the page's first
    /// `blog_open_initial` takes it (`commands::blog::prefetch_initial`).
    pub initial: Mutex<Option<std::sync::mpsc::Receiver<CmdResult<crate::types::BlogInfo>>>>,
    /// The device code of a GitHub sign-in waiting to be entered (never sent to the page).
    pub sign_in: Mutex<Option<inkstone_github::device::DeviceCode>>,
    /// Stops a waiting GitHub sign-in.
    pub sign_in_cancel: Arc<AtomicBool>,
    /// The open blog's lock: no other Inkstone process writes it meanwhile.
    pub blog_lock: Mutex<Option<inkstone_content::lock::BlogLock>>,
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
            search: Arc::default(),
            posts: Arc::default(),
            publishing: AtomicBool::new(false),
            last_terms: Mutex::new(None),
            journal,
            own_writes: Arc::default(),
            watcher: Mutex::new(None),
            blog_lock: Mutex::new(None),
            sign_in: Mutex::new(None),
            sign_in_cancel: Arc::default(),
            picked: Mutex::new(None),
            dropped: Mutex::new(Vec::new()),
            initial: Mutex::new(None),
        }
    }

    pub fn blog(&self) -> CmdResult<Arc<Blog>> {
        self.blog
            .read()
            .ok()
            .and_then(|b| b.clone())
            .ok_or_else(|| CommandError::new("no_blog", "no blog is open"))
    }

    /// The open blog, for what needs a whole blog (new posts, images, tags, publishing, its
    /// settings): a Markdown file opened alone is refused, saying so.
    pub fn whole_blog(&self) -> CmdResult<Arc<Blog>> {
        let blog = self.blog()?;
        match blog.alone_file() {
            Some(name) => Err(CommandError::new(
                "alone",
                format!(
                    "{name} is open alone (it is in no Hugo, Jekyll or Hexo blog): this needs its blog; open the blog's folder instead"
                ),
            )),
            None => Ok(blog),
        }
    }

    pub fn set_blog(&self, blog: Blog) -> Arc<Blog> {
        let blog = Arc::new(blog);
        *relock(&self.search, Search::default) = Search::default();
        *relock(&self.posts, Posts::default) = Posts::of(&blog);
        if let Ok(mut slot) = self.blog.write() {
            *slot = Some(Arc::clone(&blog));
        }
        blog
    }
}

/// Locks `m`. A job that panicked while holding it left it poisoned: its half-updated value is
/// not trusted but replaced by `fresh()`, and the lock works again, so one bad input never
/// leaves the preview or search dead until a restart.
pub fn relock<T>(m: &Mutex<T>, fresh: impl FnOnce() -> T) -> MutexGuard<'_, T> {
    match m.lock() {
        Ok(guard) => guard,
        Err(poisoned) => {
            let mut guard = poisoned.into_inner();
            *guard = fresh();
            m.clear_poison();
            guard
        }
    }
}

/// The search index of the open blog: built once, then refreshed file by file from what the
/// watcher saw change (any writer: the app, another editor, git).
#[derive(Default)]
pub struct Search {
    index: Option<inkstone_content::search::Index>,
    changed: Vec<String>,
}

impl Search {
    /// Notes files that changed since the index read them; `lost`: events were lost, and the
    /// index is built again when next used.
    pub fn touched(&mut self, paths: &[String], lost: bool) {
        if lost {
            *self = Search::default();
        } else if self.index.is_some() {
            self.changed.extend(paths.iter().cloned());
        }
    }

    /// The index, built or refreshed as needed.
    pub fn index(&mut self, blog: &Blog) -> &inkstone_content::search::Index {
        let changed = std::mem::take(&mut self.changed);
        let index = self
            .index
            .get_or_insert_with(|| inkstone_content::search::Index::build(blog));
        if !changed.is_empty() {
            index.refresh(blog, &changed);
        }
        index
    }
}

/// The open blog's post list: read whole when the blog opens (or when asked), then only the
/// files the watcher saw change are read again (see [`inkstone_content::listing`]).
#[derive(Default)]
pub struct Posts {
    /// The blog the list is of (a request for the blog open before keeps nothing).
    blog: Option<Arc<Blog>>,
    listing: Option<inkstone_content::listing::Listing>,
    changed: std::collections::BTreeSet<String>,
}

impl Posts {
    /// The list of `blog`, not read yet.
    pub fn of(blog: &Arc<Blog>) -> Posts {
        Posts {
            blog: Some(Arc::clone(blog)),
            ..Posts::default()
        }
    }

    /// Notes files that changed since the list read them (any writer: the app, another
    /// editor, git); `lost`: events were lost, and the list is read whole when next asked.
    pub fn touched(&mut self, paths: &[String], lost: bool) {
        if lost {
            self.listing = None;
            self.changed.clear();
        } else if self.listing.is_some() {
            self.changed.extend(paths.iter().cloned());
        }
    }

    fn is_of(&self, blog: &Arc<Blog>) -> bool {
        self.blog.as_ref().is_some_and(|b| Arc::ptr_eq(b, blog))
    }

    /// Every post, each file read again.
    pub fn read(&mut self, blog: &Arc<Blog>) -> Vec<inkstone_content::Post> {
        let mut listing = inkstone_content::listing::Listing::read(blog);
        let posts = listing.posts(blog);
        if self.is_of(blog) {
            self.listing = Some(listing);
            self.changed.clear();
        }
        posts
    }

    /// Every post, only the files that changed since read again.
    pub fn current(&mut self, blog: &Arc<Blog>) -> Vec<inkstone_content::Post> {
        if !self.is_of(blog) {
            return self.read(blog);
        }
        let changed: Vec<String> = std::mem::take(&mut self.changed).into_iter().collect();
        match &mut self.listing {
            Some(listing) => {
                listing.refresh(blog, &changed);
                listing.posts(blog)
            }
            None => self.read(blog),
        }
    }
}

/// The post in the preview: its renderer, and the text of the last request rendered (the base
/// of the next request's edit).
pub struct PreviewSlot {
    pub path: String,
    pub renderer: inkstone_render::Incremental,
    pub seq: u32,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_that_panicked_holding_the_lock_leaves_a_fresh_value_not_a_dead_lock() {
        let m = Arc::new(Mutex::new(vec![1, 2, 3]));
        let held = Arc::clone(&m);
        let job = std::thread::spawn(move || {
            let mut v = held.lock().unwrap();
            v.push(4);
            panic!("a render job hit a bug");
        });
        assert!(job.join().is_err());
        assert!(m.is_poisoned());
        // The half-updated value is not trusted: the next request starts from a fresh one.
        assert_eq!(*relock(&m, Vec::new), Vec::<i32>::new());
        assert!(!m.is_poisoned());
        relock(&m, Vec::new).push(7);
        assert_eq!(*m.lock().unwrap(), vec![7]);
    }
}
