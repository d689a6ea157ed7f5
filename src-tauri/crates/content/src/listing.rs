//! The library's list of posts, kept up to date file by file. Reading a 10,000-post blog
//! takes the better part of a second; after a change on disk (a save in another editor, a
//! `git pull` that touched two posts) only the files named as changed are read again, and the
//! list is put together from what was read before.
//!
//! The file watcher names what changed. What cannot be known from a name alone makes the list
//! re-read the blog's files: a Markdown file it did not list (is it a page, or a bundle's
//! resource?), and a Hugo `index.*` or `_index.*` (they make bundles and sections, and so
//! decide which files are pages and what their addresses are).

use std::collections::HashMap;

use jiff::Timestamp;

use crate::post::{self, Post};
use crate::{Blog, Generator};

/// Every post of a blog as last read, by path, before translations are linked and before
/// the clock decides which are scheduled or expired.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    read: HashMap<String, Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    /// As listed; its status and translations are settled in place for each list.
    post: Post,
    /// Hugo's translation key (`translationKey`, else the path without language).
    key: Option<String>,
    publish: Option<Timestamp>,
    expiry: Option<Timestamp>,
}

/// How a refresh went: what it read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refreshed {
    /// Only the files named (this many) were read again.
    Files(usize),
    /// The blog's files were listed again, and the posts not read before were read.
    Rescanned,
    /// Every post was read again.
    Whole,
}

impl Listing {
    /// Reads every post of `blog`.
    pub fn read(blog: &Blog) -> Listing {
        let ctx = post::Context::new(blog.site(), Timestamp::now());
        let paths = blog.post_paths();
        let listed = crate::par::map(&paths, |rel| blog.listed(&ctx, rel).map(entry));
        let read = paths
            .into_iter()
            .zip(listed)
            .filter_map(|(rel, entry)| Some((rel, entry?)))
            .collect();
        Listing { read }
    }

    /// Brings the list up to date after the files at `changed` (blog-relative, `/`-separated,
    /// as the watcher names them) changed on disk: created, written, removed or renamed.
    pub fn refresh(&mut self, blog: &Blog, changed: &[String]) -> Refreshed {
        let hugo = blog.site().generator == Generator::Hugo;
        let is_markdown = |rel: &str| {
            crate::gate::extension(rel).is_some_and(|e| crate::scan::MARKDOWN.contains(&e.as_str()))
        };
        let regular =
            |rel: &str| std::fs::symlink_metadata(blog.root().join(rel)).is_ok_and(|m| m.is_file());
        // Hugo: a section made or unmade (`_index.md`), a bundle made or dissolved (`index.md`
        // added or removed; an edit of a known one is just that post's) change which files are
        // pages and what their addresses are.
        let reshapes = |rel: &str| {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            is_markdown(rel)
                && (name.starts_with("_index.")
                    || (name.starts_with("index.") && self.read.contains_key(rel) != regular(rel)))
        };
        if hugo && changed.iter().any(|p| reshapes(p)) {
            *self = Listing::read(blog);
            return Refreshed::Whole;
        }
        let ctx = post::Context::new(blog.site(), Timestamp::now());
        let mut rescan = false;
        let mut read = 0;
        for rel in changed {
            let known = self.read.contains_key(rel);
            match (known, regular(rel)) {
                (true, true) => {
                    match blog.listed(&ctx, rel) {
                        Some(post) => self.read.insert(rel.clone(), entry(post)),
                        None => self.read.remove(rel),
                    };
                    read += 1;
                }
                (true, false) => {
                    self.read.remove(rel);
                }
                // A new Markdown file: a page, a draft, or a bundle's resource.
                (false, true) if is_markdown(rel) => rescan = true,
                // An image, a config file, an editor's temp file: no post.
                (false, true) => {}
                // A folder made or renamed here may hold posts; one removed or renamed away may
                // have held some. (A folder that holds known posts and is still there only
                // changed its entries, which are named themselves.)
                (false, false) => {
                    let prefix = format!("{rel}/");
                    let held = self.read.keys().any(|k| k.starts_with(&prefix));
                    rescan |= blog.root().join(rel).is_dir() != held;
                }
            }
        }
        if !rescan {
            return Refreshed::Files(read);
        }
        let paths = blog.post_paths();
        let listed: std::collections::HashSet<&String> = paths.iter().collect();
        self.read.retain(|k, _| listed.contains(k));
        for rel in &paths {
            if !self.read.contains_key(rel)
                && let Some(post) = blog.listed(&ctx, rel)
            {
                self.read.insert(rel.clone(), entry(post));
            }
        }
        Refreshed::Rescanned
    }

    /// The posts, newest first, with `now` deciding which are scheduled and expired, and
    /// Hugo's translations linked: settled in place, so nothing is copied.
    pub fn settle(&mut self, blog: &Blog, now: Timestamp) -> Vec<&Post> {
        self.settle_entries(blog, now);
        let mut posts: Vec<&Post> = self.read.values().map(|e| &e.post).collect();
        posts.sort_by(|a, b| newest_first(a, b));
        posts
    }

    /// The posts as [`Listing::settle`] gives them, the list given up.
    pub fn into_posts_at(mut self, blog: &Blog, now: Timestamp) -> Vec<Post> {
        self.settle_entries(blog, now);
        let mut posts: Vec<Post> = self.read.into_values().map(|e| e.post).collect();
        posts.sort_by(newest_first);
        posts
    }

    /// Statuses against `now`; translations: pages of other languages with the same key are
    /// each other's (Hugo's `.Translations`).
    fn settle_entries(&mut self, blog: &Blog, now: Timestamp) {
        let site = blog.site();
        let multilingual = site.generator == Generator::Hugo && !site.languages.list.is_empty();
        let mut by_key: HashMap<String, Vec<String>> = HashMap::new();
        if multilingual {
            for e in self.read.values() {
                if let Some(key) = &e.key {
                    by_key
                        .entry(key.clone())
                        .or_default()
                        .push(e.post.path.clone());
                }
            }
        }
        for e in self.read.values_mut() {
            if e.post.error.is_none() {
                e.post.status = post::status_at(site, e.post.draft, e.publish, e.expiry, now);
            }
            e.post.translations = match e.key.as_ref().and_then(|k| by_key.get(k)) {
                Some(paths) => {
                    let mut others: Vec<String> = paths
                        .iter()
                        .filter(|p| **p != e.post.path)
                        .cloned()
                        .collect();
                    others.sort();
                    others
                }
                None => Vec::new(),
            };
        }
    }

    /// The posts as [`Listing::settle`] gives them, copied.
    pub fn posts_at(&mut self, blog: &Blog, now: Timestamp) -> Vec<Post> {
        self.settle(blog, now).into_iter().cloned().collect()
    }

    /// The posts as of now, copied (see [`Listing::settle`]).
    pub fn posts(&mut self, blog: &Blog) -> Vec<Post> {
        self.posts_at(blog, Timestamp::now())
    }

    /// How many posts are listed.
    pub fn len(&self) -> usize {
        self.read.len()
    }

    pub fn is_empty(&self) -> bool {
        self.read.is_empty()
    }
}

/// Newest first; the same date by path.
fn newest_first(a: &Post, b: &Post) -> std::cmp::Ordering {
    b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path))
}

fn entry(post: Post) -> Entry {
    let at = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<Timestamp>().ok());
    Entry {
        publish: at(&post.publish_date),
        expiry: at(&post.expiry_date),
        // Until the list is settled, a listed post's translations hold its key.
        key: post.translations.first().cloned(),
        post,
    }
}
