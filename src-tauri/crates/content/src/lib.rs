//! inkstone-content: a blog repository as its site generator (Hugo, Jekyll, Hexo) sees it.
//!
//! [`Blog::open`] detects the generator and reads the site settings that change behaviour;
//! [`Blog::posts`] lists every post and draft with the generator's own semantics (titles,
//! dates in the site's time zone, draft/scheduled/expired, taxonomies, word counts and
//! reading time, summaries). A post that cannot be read is listed with its error. No UI,
//! no threads, no watchers: data and paths in, data out.

pub mod addimage;
pub mod archetype;
pub mod atomic;
pub mod bulk;
pub mod check;
pub mod dates;
pub mod drafts;
mod error;
pub mod fmedit;
pub mod frontmatter;
pub mod gate;
pub mod images;
pub mod junk;
pub mod languages;
pub mod listing;
pub mod lock;
pub mod newpost;
mod par;
pub mod permalink;
pub mod post;
mod scan;
pub mod search;
pub mod served;
pub mod settings;
pub mod site;
pub mod tags;
pub mod terms;

use std::path::{Path, PathBuf};

use inkstone_render::{RenderOptions, Rendered};
use jiff::Timestamp;

pub use bulk::FileChange;
pub use drafts::DraftChange;
pub use error::{Error, Result};
pub use fmedit::FieldValue;
pub use frontmatter::Format;
pub use gate::BlogPath;
pub use newpost::{NewPost, SlugStyle};
pub use post::{Document, Post, Status};
pub use site::{Generator, Site};
pub use tags::TermCount;
pub use terms::{Taxonomy, TermOp};

/// An open blog: its root folder and settings.
#[derive(Debug, Clone)]
pub struct Blog {
    root: PathBuf,
    site: Site,
    /// A Markdown file opened alone (it belongs to no blog): its name in `root`, its folder.
    /// It is the only post, and the only file written.
    alone: Option<String>,
}

/// The largest file read as a post: far above any real post (the 1 MB benchmark post is a
/// long book), far below what would exhaust memory.
pub const MAX_POST_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a file as UTF-8, naming the line of the first invalid byte. Only a regular file of at
/// most [`MAX_POST_BYTES`] is read: a FIFO, a device (`/dev/zero` behind a symlink) or a huge
/// file is refused instead of hanging or filling memory.
pub fn read_text(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::Invalid(format!(
            "{}: not a regular file; not read",
            path.display()
        )));
    }
    if meta.len() > MAX_POST_BYTES {
        return Err(Error::Invalid(format!(
            "{}: {} MiB is too large for a post (at most {} MiB); not read",
            path.display(),
            meta.len() / (1024 * 1024),
            MAX_POST_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Error::InvalidUtf8 {
            path: path.to_path_buf(),
            line,
            offset,
        }
    })
}

fn mtime(path: &Path) -> Option<Timestamp> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    Timestamp::try_from(modified).ok()
}

/// Reads a Markdown text that belongs to no blog: CommonMark + GFM, Hugo's counting rules,
/// CJK mode when the text has CJK characters.
pub fn read_standalone(name: &str, text: &str) -> Result<Document> {
    let site = Site::standalone();
    post::Context::new(&site, Timestamp::now()).read(name, text, None)
}

impl Blog {
    /// Opens the blog at `root`: a missing folder or one that is no blog is an error.
    pub fn open(root: impl AsRef<Path>) -> Result<Blog> {
        let root = root.as_ref();
        if !root.is_dir() {
            return Err(Error::MissingFolder(root.to_path_buf()));
        }
        let root = dunce::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let site = Site::detect(&root)?;
        Blog::opened(root, site)
    }

    /// The blog at `root` (canonical) with its detected `site`: an operation on many files that
    /// a crash interrupted is finished first.
    fn opened(root: PathBuf, site: Site) -> Result<Blog> {
        let blog = Blog {
            root,
            site,
            alone: None,
        };
        bulk::recover(&blog)?;
        Ok(blog)
    }

    /// A Markdown file that belongs to no blog, opened alone: its folder is the root, the file
    /// its one post, read as [`read_standalone`] reads text (CommonMark + GFM). Nothing else in
    /// the folder is listed or written.
    pub fn alone(file: impl AsRef<Path>) -> Result<Blog> {
        let file = file.as_ref();
        let real = dunce::canonicalize(file).map_err(|e| Error::io(file, e))?;
        let name = real.file_name().map(|n| n.to_string_lossy().into_owned());
        let ext = crate::gate::extension(name.as_deref().unwrap_or_default()).unwrap_or_default();
        let (Some(name), Some(root)) = (name, real.parent()) else {
            return Err(Error::Invalid(format!("{}: not a file", file.display())));
        };
        if name.starts_with('.') {
            return Err(Error::Invalid(format!(
                "{}: a hidden file is not opened (Inkstone writes no hidden file)",
                file.display()
            )));
        }
        if !real.is_file() || !scan::MARKDOWN.contains(&ext.as_str()) {
            return Err(Error::Invalid(format!(
                "{}: not a Markdown file (.md, .markdown)",
                file.display()
            )));
        }
        Ok(Blog {
            root: root.to_path_buf(),
            site: Site::standalone(),
            alone: Some(name),
        })
    }

    /// The file's name when this is a Markdown file opened alone, not a blog.
    pub fn alone_file(&self) -> Option<&str> {
        self.alone.as_deref()
    }

    /// The blog `start` is in: `start` itself or the nearest folder above it whose generator
    /// config Inkstone recognises, the way git finds its repository. When there is none, the
    /// error names every folder looked in.
    pub fn find(start: impl AsRef<Path>) -> Result<Blog> {
        let start = start.as_ref();
        if !start.is_dir() {
            return Err(Error::MissingFolder(start.to_path_buf()));
        }
        let start = dunce::canonicalize(start).map_err(|e| Error::io(start, e))?;
        let mut looked = Vec::new();
        for dir in start.ancestors() {
            match Site::detect(dir) {
                Ok(site) => return Blog::opened(dir.to_path_buf(), site),
                Err(Error::NotABlog(_)) => looked.push(dir.to_path_buf()),
                Err(e) => return Err(e),
            }
        }
        Err(Error::NoBlogFound(looked))
    }

    /// Applies planned changes as one operation (see [`bulk::apply`]).
    pub fn apply(&self, changes: &[FileChange]) -> Result<()> {
        bulk::apply(self, changes)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Blog-relative paths of every post and draft.
    pub fn post_paths(&self) -> Vec<String> {
        match &self.alone {
            Some(name) => vec![name.clone()],
            None => scan::post_paths(&self.root, &self.site),
        }
    }

    /// The address on the site of the first published post among `changed` (files relative
    /// to the blog, or to a repository the blog is a folder of): the page a publish of them
    /// makes live.
    pub fn address_of_changed(&self, changed: &[&str]) -> Option<String> {
        let posts = self.posts();
        changed.iter().find_map(|path| {
            posts
                .iter()
                .filter(|p| p.status == Status::Published)
                .find(|p| *path == p.path || path.ends_with(&format!("/{}", p.path)))
                .and_then(|p| p.url.clone())
        })
    }

    /// Every post and draft, newest first, as of now.
    pub fn posts(&self) -> Vec<Post> {
        self.posts_at(Timestamp::now())
    }

    /// Every post and draft, newest first, with `now` deciding scheduled and expired.
    pub fn posts_at(&self, now: Timestamp) -> Vec<Post> {
        listing::Listing::read(self).into_posts_at(self, now)
    }

    /// The post at `rel` as the list shows it (before translations are linked); `None` for a
    /// headless bundle, which is no page of its own: its content is used elsewhere (Hugo reads
    /// `headless` in a bundle's `index.md` only). A post that cannot be read is listed with
    /// its error.
    fn listed(&self, ctx: &post::Context<'_>, rel: &str) -> Option<Post> {
        let hugo = self.site.generator == Generator::Hugo;
        match self.read_with(ctx, rel) {
            Ok(doc)
                if hugo
                    && std::path::Path::new(rel).file_stem() == Some("index".as_ref())
                    && frontmatter::get(&doc.front_matter, "headless")
                        .and_then(frontmatter::as_bool)
                        == Some(true) =>
            {
                None
            }
            Ok(doc) if hugo => Some(self.with_place(doc.post, &doc.front_matter)),
            Ok(doc) => Some(doc.post),
            Err(e) => Some(post::broken(rel, &e)),
        }
    }

    /// A Hugo page's language and address (`:sections` from the folders that hold an
    /// `_index.md`); the translation key stays in `translations` until they are linked.
    fn with_place(
        &self,
        mut post: Post,
        front_matter: &serde_json::Map<String, serde_json::Value>,
    ) -> Post {
        let langs = &self.site.languages;
        let place = langs.place(&self.site.content_dir, &post.path);
        let text = |k: &str| frontmatter::get(front_matter, k).and_then(frontmatter::as_text);
        let (slug, url) = (text("slug"), text("url"));
        // The content folder the page is in: its path without `dir/file`.
        let file_len = post.path.rsplit('/').next().map_or(0, str::len);
        let inner_len = if place.dir.is_empty() {
            file_len
        } else {
            place.dir.len() + 1 + file_len
        };
        let content_root = post
            .path
            .get(..post.path.len().saturating_sub(inner_len))
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_string();
        // The nearest section: the first folder, then each folder below it with an `_index`.
        let mut sections: Vec<&str> = Vec::new();
        let mut at = content_root;
        for (i, part) in place.dir.split('/').filter(|p| !p.is_empty()).enumerate() {
            at = if at.is_empty() {
                part.to_string()
            } else {
                format!("{at}/{part}")
            };
            let is_section = i == 0
                || std::fs::read_dir(self.root.join(&at)).is_ok_and(|d| {
                    d.filter_map(|e| e.ok())
                        .any(|e| e.file_name().to_string_lossy().starts_with("_index."))
                });
            if !is_section {
                break;
            }
            sections.push(part);
        }
        // A bundle's own folder is no section of it.
        if place.base == "index" && sections.len() == place.dir.split('/').count() {
            sections.pop();
        }
        // A page Hugo does not render has no address (`_build: {render: never}`).
        let rendered = !frontmatter::get(front_matter, "_build")
            .and_then(|b| b.as_object())
            .and_then(|b| frontmatter::get(b, "render"))
            .is_some_and(|r| {
                r.as_bool() == Some(false)
                    || r.as_str().is_some_and(|t| t.eq_ignore_ascii_case("never"))
            });
        post.url = rendered.then(|| {
            langs.url(
                &place,
                &languages::UrlFields {
                    title: &post.title,
                    slug: slug.as_deref(),
                    url: url.as_deref(),
                    date: post.date.as_deref(),
                },
                &sections.join("/"),
            )
        });
        let key = text("translationKey").unwrap_or_else(|| place.translation_base());
        post.lang = Some(place.lang);
        post.translations = vec![key];
        post
    }

    /// The post's address on the site (as `posts()` lists it), for a post read alone.
    pub fn url_of(&self, doc: &Document) -> Option<String> {
        match self.site.generator {
            Generator::Hugo => self.with_place(doc.post.clone(), &doc.front_matter).url,
            _ => doc.post.url.clone(),
        }
    }

    fn read_with(&self, ctx: &post::Context<'_>, rel: &str) -> Result<Document> {
        let path = self.root.join(rel);
        // Named blog-relative, as a front matter error is.
        let text = read_text(&path).map_err(|e| match e {
            Error::InvalidUtf8 { line, offset, .. } => Error::InvalidUtf8 {
                path: PathBuf::from(rel),
                line,
                offset,
            },
            e => e,
        })?;
        ctx.read(rel, &text, mtime(&path)).map_err(|e| match e {
            Error::FrontMatter {
                line,
                format,
                message,
                ..
            } => Error::FrontMatter {
                path: PathBuf::from(rel),
                line,
                format,
                message,
            },
            other => other,
        })
    }

    /// A path inside the blog, relative to its root with `/`; an error for one outside it.
    pub fn relative(&self, path: &Path) -> Result<String> {
        let full = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| Error::io(path, e))?
                .join(path)
        };
        let real = dunce::canonicalize(&full).map_err(|e| Error::io(path, e))?;
        let rel = real
            .strip_prefix(&self.root)
            .map_err(|_| Error::OutsideBlog(path.to_path_buf()))?;
        Ok(rel
            .components()
            .filter_map(|c| c.as_os_str().to_str())
            .collect::<Vec<_>>()
            .join("/"))
    }

    /// Opens one post for editing by its blog-relative path.
    pub fn read_post(&self, rel: &str) -> Result<Document> {
        let rel = self.inside(rel)?;
        self.read_with(
            &post::Context::new(&self.site, Timestamp::now()),
            rel.as_str(),
        )
    }

    /// Reads a post's text that is not (yet) a file, e.g. standard input, as if at `rel`.
    pub fn read_text_as(&self, rel: &str, text: &str) -> Result<Document> {
        post::Context::new(&self.site, Timestamp::now()).read(rel, text, None)
    }

    /// Like [`Blog::read_text_as`] for the live preview: without the word count and summary
    /// (the preview's renderer counts words itself, around each edit), so what a keystroke
    /// costs does not grow with the post.
    pub fn read_text_for_preview(&self, rel: &str, text: &str) -> Result<Document> {
        post::Context::new(&self.site, Timestamp::now()).read_uncounted(rel, text)
    }

    /// Render options for a post of this blog; `image_base` rewrites local images for a webview.
    pub fn render_post(&self, doc: &Document, image_base: Option<&str>) -> Rendered {
        self.with_render_options(doc, image_base, |body, options| {
            inkstone_render::render(body, options)
        })
    }

    /// Renders a post's body for the live preview through its incremental renderer: the
    /// patch from what `renderer` rendered last, with the page's numbers.
    pub fn preview_post(
        &self,
        doc: &Document,
        image_base: Option<&str>,
        renderer: &mut inkstone_render::Incremental,
    ) -> inkstone_render::Update {
        self.with_render_options(doc, image_base, |body, options| {
            renderer.update(body, options)
        })
    }

    fn with_render_options<T>(
        &self,
        doc: &Document,
        image_base: Option<&str>,
        render: impl FnOnce(&str, &RenderOptions<'_>) -> T,
    ) -> T {
        let resolver = images::BlogImages::new(self, doc);
        let base_path = self.site.base_path();
        let counting = match self.site.generator {
            Generator::Hugo => inkstone_render::Counting::Hugo,
            Generator::Jekyll => inkstone_render::Counting::Jekyll,
            Generator::Hexo => inkstone_render::Counting::Hexo,
        };
        let options = RenderOptions {
            counting,
            cjk: doc.post.cjk,
            flavor: site::flavor_for_post(self.site.markdown, &doc.front_matter),
            typographer: self.site.typographer,
            raw_html_is_content: self.site.unsafe_html,
            line_offset: doc.body_line - 1,
            images: Some(&resolver),
            image_base,
            base_path: Some(&base_path),
        };
        render(&doc.body, &options)
    }

    /// Tags with their post counts.
    pub fn tags(&self, posts: &[Post]) -> Vec<TermCount> {
        tags::count(posts, |p| &p.tags)
    }

    /// Categories with their post counts.
    pub fn categories(&self, posts: &[Post]) -> Vec<TermCount> {
        tags::count(posts, |p| &p.categories)
    }

    /// The front-matter format most posts already use (YAML when there are none).
    pub fn preferred_format(&self) -> Format {
        let mut counts: Vec<(Format, usize)> = Vec::new();
        for rel in self.post_paths().iter().take(200) {
            let Ok(text) = read_text(&self.root.join(rel)) else {
                continue;
            };
            let hexo = self.site.generator == Generator::Hexo;
            if let Ok(frontmatter::Split {
                format: Some(f), ..
            }) = frontmatter::split(&text, hexo)
            {
                match counts.iter_mut().find(|(g, _)| *g == f) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((f, 1)),
                }
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(_, n)| n)
            .map_or(Format::Yaml, |(f, _)| f)
    }

    /// Creates a new post and returns its blog-relative path. Never overwrites a file.
    pub fn new_post(&self, request: &NewPost) -> Result<String> {
        Ok(self.new_post_noting(request)?.0)
    }

    /// [`Blog::new_post`], also saying which archetype (or Hexo scaffold) made it, or why the
    /// site's one could not be used.
    pub fn new_post_noting(&self, request: &NewPost) -> Result<(String, Option<String>)> {
        if request.title.trim().is_empty() {
            return Err(Error::Invalid("a new post needs a title".into()));
        }
        if let Some(slug) = &request.slug
            && (slug.contains(['/', '\\'])
                || (!slug.is_empty() && slug.trim_matches('.').is_empty()))
        {
            return Err(Error::Refused {
                path: slug.clone(),
                reason: "a slug is one file name, without `/`, `\\` or only dots",
            });
        }
        let ctx = post::Context::new(&self.site, Timestamp::now());
        let now = ctx.now.to_zoned(ctx.tz);
        let rel = self.writable(&newpost::path_for(&self.site, request, &now))?;
        let (text, note) = match self.archetype_text(request, rel.as_str(), &now) {
            Ok(Some((text, used))) => (text, Some(format!("made from {used}"))),
            Ok(None) => (
                newpost::contents(&self.site, self.preferred_format(), request, &now),
                None,
            ),
            Err(why) => (
                newpost::contents(&self.site, self.preferred_format(), request, &now),
                Some(why),
            ),
        };
        let _lock = lock::BlogLock::wait(&self.root, lock::PATIENCE)?;
        newpost::write_new(&self.file(&rel), &text)?;
        Ok((rel.to_string(), note))
    }

    /// The new post's text from the site's archetype (Hugo) or scaffold (Hexo): `Ok(None)`
    /// when the site has none, `Err` with the reason when it has one Inkstone cannot fill.
    fn archetype_text(
        &self,
        request: &NewPost,
        rel: &str,
        now: &jiff::Zoned,
    ) -> std::result::Result<Option<(String, String)>, String> {
        let section = "posts";
        let found = archetype::candidates(
            self.site.generator,
            section,
            request.is_draft(self.site.generator),
            &self.site.themes,
        )
        .into_iter()
        .find_map(|cand| {
            let path = self.inside(&cand).ok()?;
            let text = read_text(&path.under(&self.root)).ok()?;
            Some((cand, text))
        });
        let Some((used, template)) = found else {
            return Ok(None);
        };
        let hexo = self.site.generator == Generator::Hexo;
        let date = if hexo {
            now.strftime("%Y-%m-%d %H:%M:%S").to_string()
        } else {
            // Go's RFC 3339, as `.Date` prints it: `Z` for UTC.
            let d = dates::rfc3339(now);
            match d.strip_suffix("+00:00") {
                Some(utc) => format!("{utc}Z"),
                None => d,
            }
        };
        let name = rel
            .rsplit('/')
            .next()
            .unwrap_or(rel)
            .trim_end_matches(".md")
            .to_string();
        let filled = archetype::fill(
            &template,
            &archetype::Fill {
                title: request.title.trim(),
                name: &name,
                date: &date,
                section,
                site_title: self.site.title.as_deref(),
                params: Some(&self.site.params),
            },
        )
        .ok_or_else(|| {
            format!("{used} uses template functions Inkstone does not fill: made the default way")
        })?;
        let bad = |e: frontmatter::FmError| format!("{used}: {}: made the default way", e.message);
        let mut text = filled;
        let has = |text: &str, key: &str| {
            frontmatter::split(text, hexo)
                .ok()
                .and_then(|s| {
                    Some(
                        frontmatter::parse(s.format?, s.inner, 1)
                            .ok()?
                            .get(key)
                            .is_some(),
                    )
                })
                .unwrap_or(false)
        };
        // What the user asked for, over the archetype's defaults.
        // Asked for neither way, the archetype's `draft` stays as written (none: a post).
        if self.site.generator == Generator::Hugo
            && let Some(draft) = request.draft
            && (draft || has(&text, "draft"))
        {
            text =
                fmedit::set_field(&text, hexo, "draft", &FieldValue::Bool(draft)).map_err(bad)?;
        }
        for (key, items) in [("tags", &request.tags), ("categories", &request.categories)] {
            if !items.is_empty() {
                let key = terms::field_key(self.site.generator, &text, key);
                text = fmedit::set_field(&text, hexo, key, &FieldValue::List(items.clone()))
                    .map_err(bad)?;
            }
        }
        // It must read as a post.
        let split = frontmatter::split(&text, hexo).map_err(bad)?;
        if let Some(format) = split.format {
            frontmatter::parse(format, split.inner, 1).map_err(bad)?;
        }
        Ok(Some((text, used)))
    }
}

impl Blog {
    /// Starts the translation of the post at `rel` into `lang` (Hugo): a new file where Hugo
    /// pairs it with the original (the same bundle or folder with the language in its name,
    /// or the same path under the language's own content folder), with the original's front
    /// matter and body as the starting text, marked a draft. Never overwrites; a language the
    /// site does not define is refused with the ones it does. Returns the new path.
    pub fn translate(&self, rel: &str, lang: &str) -> Result<String> {
        let langs = &self.site.languages;
        let lang = lang.trim().to_lowercase();
        if self.site.generator != Generator::Hugo {
            return Err(Error::Invalid(
                "translations follow Hugo's rules; Jekyll and Hexo sites need an i18n plugin Inkstone does not read".into(),
            ));
        }
        let defined: Vec<&str> = langs.list.iter().map(|l| l.code.as_str()).collect();
        let Some(target) = langs.list.iter().find(|l| l.code == lang) else {
            return Err(Error::Invalid(if defined.is_empty() {
                format!(
                    "`{lang}`: this site defines no languages (add a `[languages]` table to its config)"
                )
            } else {
                format!(
                    "`{lang}`: not one of this site's languages ({})",
                    defined.join(", ")
                )
            }));
        };
        let source = self.inside(rel)?.to_string();
        // A page only: a bundle's other files are its resources, not pages to translate.
        let posts = self.posts();
        if !posts.iter().any(|p| p.path == source) {
            return Err(Error::Invalid(format!(
                "{source}: not a page of this site (a bundle's resource, or outside its content)"
            )));
        }
        let text = read_text(&self.root.join(&source))?;
        let doc = self.read_text_as(&source, &text)?;
        let place = langs.place(&self.site.content_dir, &source);
        if place.lang == lang {
            return Err(Error::Invalid(format!("{source} is already in `{lang}`")));
        }
        // A translation that exists already is not made twice: the listing pairs them.
        if let Some(existing) = posts
            .iter()
            .find(|p| p.path == source)
            .into_iter()
            .flat_map(|p| &p.translations)
            .find(|t| {
                posts
                    .iter()
                    .any(|p| &p.path == *t && p.lang.as_deref() == Some(lang.as_str()))
            })
        {
            return Err(Error::Invalid(format!(
                "{source} has a `{lang}` translation already: {existing}"
            )));
        }
        let ext = source.rsplit_once('.').map_or("md", |(_, e)| e);
        let inner = place.translation_base();
        let path = match &target.content_dir {
            Some(dir) => format!("{dir}/{inner}.{ext}"),
            None => format!("{}/{inner}.{lang}.{ext}", self.site.content_dir),
        };
        let path = path.trim_start_matches('/').to_string();
        let new = self.writable(&path)?;
        let fm_error = |e: frontmatter::FmError| Error::FrontMatter {
            path: PathBuf::from(&source),
            line: e.line,
            format: e.format,
            message: e.message,
        };
        // A draft, and no address of the original's own (`url`, `aliases`): the two would
        // be written to one place.
        let mut head =
            fmedit::set_field(&doc.head, false, "draft", &fmedit::FieldValue::Bool(true))
                .map_err(fm_error)?;
        for key in ["url", "aliases"] {
            head = fmedit::set_field(&head, false, key, &fmedit::FieldValue::Remove)
                .map_err(fm_error)?;
        }
        let _lock = lock::BlogLock::wait(&self.root, lock::PATIENCE)?;
        newpost::write_new(&self.file(&new), &format!("{head}{}", doc.body))?;
        Ok(new.to_string())
    }
}
