//! Types that cross IPC and belong to the app, not the core. Exported to TypeScript by ts-rs
//! (`ui/src/ipc/bindings/`), never copied by hand.

use inkstone_content::{Generator, Post, TermCount};
use inkstone_render::Update;
use serde::Serialize;
use ts_rs::TS;

/// The open blog as the library shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BlogInfo {
    pub root: String,
    /// The folder's name, or the site's title.
    pub name: String,
    pub generator: Generator,
    pub posts: Vec<Post>,
    pub tags: Vec<TermCount>,
    pub categories: Vec<TermCount>,
    /// The private copy of the built-in sample blog.
    pub is_sample: bool,
    /// The post the app was started with (`inkstone-app PATH`), to show first.
    pub open: Option<String>,
    /// The site's languages by weight (Hugo `languages`); empty for a single-language site.
    pub languages: Vec<SiteLanguage>,
    /// A Markdown file in no blog, opened alone: its full path (`root` is its folder, the
    /// file its one post). New posts, images, tags, publishing and the blog's settings are off.
    pub alone: Option<String>,
    /// Said in the window once the blog is open: for a file opened alone below a site config
    /// that cannot be read, that config's error.
    pub notice: Option<String>,
}

/// One language of a multilingual site.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SiteLanguage {
    /// Lower case, as Hugo's `.Lang` (`zh`, `en`, `zh-cn`).
    pub code: String,
    /// Its `languageName`, when the site gives one.
    pub name: Option<String>,
}

/// One preview render.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Preview {
    /// The request it answers.
    pub seq: u32,
    /// How the preview changes: the units to replace, or all of them when `base_version` is 0.
    pub update: Update,
    /// Why the front matter could not be read (the body still renders).
    pub error: Option<String>,
}

/// The library after an operation on many posts.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Changed {
    /// The files written (new paths for moved ones).
    pub paths: Vec<String>,
    pub posts: Vec<Post>,
    pub tags: Vec<TermCount>,
    pub categories: Vec<TermCount>,
    /// An operation `terms_undo` can take back.
    pub undoable: bool,
}
