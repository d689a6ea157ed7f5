//! Which generator a folder is for, and the site settings that change how posts behave.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::frontmatter::{self, as_bool, as_text, get};
use crate::{Error, Result};

mod config;
mod features;

pub use features::for_post as flavor_for_post;

use config::{HUGO_CONFIGS, config_folder, merge, read_config, theme_params};

/// The static site generator of a blog.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Generator {
    Hugo,
    Jekyll,
    Hexo,
}

impl Generator {
    /// `hugo`, `jekyll` or `hexo`.
    pub fn id(self) -> &'static str {
        match self {
            Generator::Hugo => "hugo",
            Generator::Jekyll => "jekyll",
            Generator::Hexo => "hexo",
        }
    }
}

/// A site's settings, read from its configuration with the generator's defaults.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub generator: Generator,
    /// The configuration file, relative to the blog root.
    pub config_file: String,
    pub title: Option<String>,
    pub base_url: Option<String>,
    /// Hugo: `contentDir`; Jekyll: `collections_dir` (the root, `""`, by default); Hexo:
    /// `source_dir`.
    pub content_dir: String,
    /// Hugo `staticDir` (default `static`).
    pub static_dirs: Vec<String>,
    /// Hugo `hasCJKLanguage`.
    pub has_cjk_language: bool,
    /// Hugo taxonomies as (singular, plural); Jekyll and Hexo: tags and categories.
    pub taxonomies: Vec<(String, String)>,
    /// Hugo `summaryLength` (default 70).
    pub summary_length: usize,
    /// `timeZone` / `timezone`; `None` means the generator's default (Hugo: UTC; Jekyll and
    /// Hexo: the machine's zone).
    pub time_zone: Option<String>,
    /// Jekyll `excerpt_separator` (default a blank line).
    pub excerpt_separator: String,
    /// Posts dated in the future are built: Hugo `buildFuture`, Jekyll `future` (default
    /// false), Hexo `future` (default true).
    pub build_future: bool,
    /// Hugo `buildExpired`.
    pub build_expired: bool,
    /// Drafts are built too: Hugo `buildDrafts`, Jekyll `show_drafts`, Hexo `render_drafts`
    /// (all default false).
    pub build_drafts: bool,
    /// Hexo `new_post_name` (default `:title.md`).
    pub new_post_name: String,
    /// Hexo `post_asset_folder`.
    pub post_asset_folder: bool,
    /// Hugo `markup.goldmark.renderer.unsafe`: raw HTML is rendered (and counted).
    pub unsafe_html: bool,
    /// Hugo `markup.goldmark.extensions.typographer` (default true).
    pub typographer: bool,
    /// The Markdown extensions and heading ids as the generator and this site's config set
    /// them (Hugo `markup.goldmark`, Jekyll `kramdown`, Hexo `marked`).
    pub markdown: inkstone_render::Flavor,
    /// Hugo: the languages, and how page URLs are made.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub languages: crate::languages::Languages,
    /// Jekyll and Hexo: how post addresses are made.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub permalinks: crate::permalink::Permalinks,
    /// Every configuration file read, relative to the root, in the order they were merged
    /// (a later one's settings over an earlier one's, a theme's `params` under the site's).
    pub config_files: Vec<String>,
    /// Hugo `relativeURLs` or `canonifyURLs`: links written `/path` are rewritten to the
    /// site's address, so they work under a sub-path.
    pub rewrites_root_links: bool,
    /// Jekyll: the `author` setting; Hugo: `params.author`; Hexo: `author`.
    pub author: Option<String>,
    /// Files the generator leaves out. Jekyll: its `exclude` patterns with its defaults
    /// (`node_modules`, `vendor/bundle/`, …), paths relative to the root matched as its
    /// `EntryFilter` does; Hugo: `ignoreFiles`, regular expressions.
    pub exclude: Vec<String>,
    /// Hugo: the theme folders (`themes/PaperMod`), the first theme named first, each inside
    /// the blog (its archetypes are the fallback for the site's own).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub themes: Vec<String>,
    /// Hugo: `params`, the theme's defaults under the site's own (`.Site.Params` in an
    /// archetype).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub params: Map<String, Value>,
}

fn has_hexo_dependency(root: &Path) -> bool {
    std::fs::read_to_string(root.join("package.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .is_some_and(|pkg| {
            pkg.get("hexo").is_some()
                || ["dependencies", "devDependencies"]
                    .iter()
                    .any(|d| pkg.get(*d).and_then(|m| m.get("hexo")).is_some())
        })
}

/// Jekyll keeps posts in `_posts/` folders anywhere (the folders above are categories).
fn has_jekyll_posts(root: &Path) -> bool {
    root.join("_posts").is_dir()
        || root.join("_drafts").is_dir()
        || walkdir::WalkDir::new(root)
            .max_depth(4)
            .into_iter()
            .filter_entry(|e| !crate::scan::is_skipped_dir(e.file_name().to_str().unwrap_or("")))
            .filter_map(std::result::Result::ok)
            .any(|e| e.file_type().is_dir() && e.file_name() == "_posts")
}

fn text_of(map: &Map<String, Value>, key: &str) -> Option<String> {
    get(map, key)
        .and_then(as_text)
        .filter(|s| !s.trim().is_empty())
}

fn bool_of(map: &Map<String, Value>, key: &str, default: bool) -> bool {
    get(map, key).and_then(as_bool).unwrap_or(default)
}

fn path_of<'m>(map: &'m Map<String, Value>, keys: &[&str]) -> Option<&'m Value> {
    let (first, rest) = keys.split_first()?;
    let v = get(map, first)?;
    if rest.is_empty() {
        Some(v)
    } else {
        path_of(v.as_object()?, rest)
    }
}

/// Hugo's `markup.goldmark` settings over its defaults.
fn hugo_markdown(map: &Map<String, Value>) -> inkstone_render::Flavor {
    use inkstone_render::{Flavor, HeadingIdStyle, LinkifyProtocol};
    let mut m = Flavor::hugo();
    let goldmark = |keys: &[&str]| {
        let mut path = vec!["markup", "goldmark"];
        path.extend_from_slice(keys);
        path_of(map, &path).cloned()
    };
    let flag = |keys: &[&str], slot: &mut bool| {
        if let Some(b) = goldmark(keys).as_ref().and_then(as_bool) {
            *slot = b;
        }
    };
    flag(&["extensions", "definitionList"], &mut m.definition_list);
    flag(&["extensions", "footnote"], &mut m.footnote);
    flag(&["extensions", "linkify"], &mut m.linkify);
    flag(&["extensions", "strikethrough"], &mut m.strikethrough);
    flag(&["extensions", "table"], &mut m.table);
    flag(&["extensions", "taskList"], &mut m.task_list);
    flag(&["parser", "attribute", "title"], &mut m.heading_attributes);
    if goldmark(&["extensions", "linkifyProtocol"])
        .as_ref()
        .and_then(as_text)
        .is_some_and(|p| p.eq_ignore_ascii_case("http"))
    {
        m.linkify_protocol = LinkifyProtocol::Http;
    }
    m.heading_ids = match goldmark(&["parser", "autoHeadingIDType"])
        .as_ref()
        .and_then(as_text)
        .map(|t| t.to_ascii_lowercase())
        .as_deref()
    {
        Some("github-ascii") => HeadingIdStyle::GithubAscii,
        Some("blackfriday") => HeadingIdStyle::Blackfriday,
        _ => HeadingIdStyle::Github,
    };
    if goldmark(&["parser", "autoHeadingID"])
        .as_ref()
        .and_then(as_bool)
        == Some(false)
    {
        m.heading_ids = HeadingIdStyle::None;
    }
    m
}

impl Site {
    /// Detects the generator of `root` and reads its settings. A folder setting that leaves
    /// the blog (`contentDir = "/home/me"`, `source_dir: ../x`, a `new_post_name` with `..`)
    /// is refused, never followed.
    pub fn detect(root: &Path) -> Result<Site> {
        Self::detect_unchecked(root)?.checked(root)
    }

    fn checked(mut self, root: &Path) -> Result<Site> {
        let config = root.join(&self.config_file);
        let (content_key, static_key) = match self.generator {
            Generator::Hugo => ("contentDir", "staticDir"),
            Generator::Jekyll => ("collections_dir", "source"),
            Generator::Hexo => ("source_dir", "source_dir"),
        };
        self.content_dir = crate::gate::config_dir(root, &config, content_key, &self.content_dir)?;
        self.static_dirs = self
            .static_dirs
            .iter()
            .map(|d| crate::gate::config_dir(root, &config, static_key, d))
            .collect::<Result<_>>()?;
        for lang in &mut self.languages.list {
            if let Some(dir) = &lang.content_dir {
                lang.content_dir = Some(crate::gate::config_dir(
                    root,
                    &config,
                    &format!("languages.{}.contentDir", lang.code),
                    dir,
                )?);
            }
        }
        if self.generator == Generator::Hexo
            // Checked without its `:title`-style placeholders (a `:` is no path on Windows).
            && let Err(e) =
                crate::gate::components(self.new_post_name.replace(':', "").trim_start_matches('/'))
        {
            return Err(Error::Config {
                path: config,
                line: 1,
                message: format!("new_post_name = {:?} is refused: {e}", self.new_post_name),
            });
        }
        Ok(self)
    }

    fn detect_unchecked(root: &Path) -> Result<Site> {
        if !root.is_dir() {
            return Err(Error::MissingFolder(root.to_path_buf()));
        }
        let jekyll_config = ["_config.yml", "_config.yaml"]
            .into_iter()
            .find(|f| root.join(f).is_file());
        if let Some(cfg) = jekyll_config {
            if root.join("source/_posts").is_dir()
                || root.join("source/_drafts").is_dir()
                || has_hexo_dependency(root)
            {
                let map = read_config(root, cfg)?;
                let mut site = Self::hexo(cfg, &map);
                features::detect(root, Generator::Hexo, &map, &mut site.markdown);
                return Ok(site);
            }
            if has_jekyll_posts(root) {
                let map = read_config(root, cfg)?;
                let mut site = Self::jekyll(cfg, &map);
                features::detect(root, Generator::Jekyll, &map, &mut site.markdown);
                return Ok(site);
            }
        }
        for cfg in HUGO_CONFIGS {
            if !root.join(cfg).is_file() {
                continue;
            }
            // A configuration folder beside the file: the file over it, as Hugo merges them.
            let mut read = Vec::new();
            let mut map = if root.join("config/_default").is_dir() {
                config_folder(root, &mut read)?
            } else {
                Map::new()
            };
            merge(&mut map, read_config(root, cfg)?);
            read.push(cfg.to_string());
            let themes = theme_params(root, &mut map, &mut read);
            let mut site = Self::hugo(cfg, &map);
            site.themes = themes;
            site.config_files = read;
            features::detect(root, Generator::Hugo, &map, &mut site.markdown);
            if cfg.starts_with("hugo.") || root.join(&site.content_dir).is_dir() {
                return Ok(site);
            }
        }
        for dir in [
            "config/_default/hugo.toml",
            "config/_default/config.toml",
            "config/_default/hugo.yaml",
            "config/_default/config.yaml",
        ] {
            if root.join(dir).is_file() {
                let mut read = Vec::new();
                let mut map = config_folder(root, &mut read)?;
                let themes = theme_params(root, &mut map, &mut read);
                let mut site = Self::hugo(dir, &map);
                site.themes = themes;
                site.config_files = read;
                features::detect(root, Generator::Hugo, &map, &mut site.markdown);
                return Ok(site);
            }
        }
        Err(Error::NotABlog(root.to_path_buf()))
    }

    fn hugo(cfg: &str, map: &Map<String, Value>) -> Site {
        let taxonomies = match get(map, "taxonomies").and_then(Value::as_object) {
            Some(t) => t
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), as_text(v)?)))
                .collect(),
            None => vec![
                ("tag".into(), "tags".into()),
                ("category".into(), "categories".into()),
            ],
        };
        let static_dirs = match get(map, "staticDir") {
            Some(v) => frontmatter::as_list(v, false),
            None => vec!["static".into()],
        };
        Site {
            generator: Generator::Hugo,
            config_file: cfg.to_string(),
            config_files: vec![cfg.to_string()],
            title: text_of(map, "title"),
            base_url: text_of(map, "baseURL"),
            content_dir: text_of(map, "contentDir")
                .unwrap_or_else(|| "content".into())
                .trim_end_matches('/')
                .to_string(),
            static_dirs,
            has_cjk_language: bool_of(map, "hasCJKLanguage", false),
            taxonomies,
            summary_length: get(map, "summaryLength")
                .and_then(Value::as_u64)
                .map_or(70, |n| n as usize),
            time_zone: text_of(map, "timeZone"),
            excerpt_separator: "<!--more-->".into(),
            build_future: bool_of(map, "buildFuture", false),
            build_expired: bool_of(map, "buildExpired", false),
            build_drafts: bool_of(map, "buildDrafts", false),
            new_post_name: String::new(),
            post_asset_folder: false,
            unsafe_html: path_of(map, &["markup", "goldmark", "renderer", "unsafe"])
                .and_then(as_bool)
                .unwrap_or(false),
            typographer: path_of(map, &["markup", "goldmark", "extensions", "typographer"])
                .and_then(|v| {
                    as_bool(v).or_else(|| v.as_object().map(|o| !bool_of(o, "disable", false)))
                })
                .unwrap_or(true),
            author: path_of(map, &["params", "author"])
                .and_then(as_text)
                .or_else(|| text_of(map, "author")),
            themes: Vec::new(),
            params: match get(map, "params") {
                Some(Value::Object(p)) => p.clone(),
                _ => Map::new(),
            },
            // `ignoreFiles`: regular expressions, matched here against the path from the
            // blog's root.
            exclude: get(map, "ignoreFiles")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(as_text).collect())
                .unwrap_or_default(),
            markdown: hugo_markdown(map),
            languages: crate::languages::Languages::hugo(map),
            permalinks: crate::permalink::Permalinks::None,
            rewrites_root_links: bool_of(map, "relativeURLs", false)
                || bool_of(map, "canonifyURLs", false),
        }
    }

    fn jekyll(cfg: &str, map: &Map<String, Value>) -> Site {
        Site {
            generator: Generator::Jekyll,
            config_file: cfg.to_string(),
            config_files: vec![cfg.to_string()],
            rewrites_root_links: false,
            title: text_of(map, "title"),
            base_url: match (text_of(map, "url"), text_of(map, "baseurl")) {
                (Some(u), Some(b)) => Some(format!(
                    "{}/{}",
                    u.trim_end_matches('/'),
                    b.trim_matches('/')
                )),
                // `baseurl` alone: the site's path, on whatever host serves it.
                (None, Some(b)) if !b.trim_matches('/').is_empty() => {
                    Some(format!("/{}/", b.trim_matches('/')))
                }
                (u, _) => u,
            },
            // Posts and drafts are read only inside `collections_dir` when it is set.
            content_dir: text_of(map, "collections_dir")
                .map(|d| d.trim_matches('/').to_string())
                .unwrap_or_default(),
            static_dirs: vec![String::new()],
            has_cjk_language: true,
            taxonomies: vec![
                ("tag".into(), "tags".into()),
                ("category".into(), "categories".into()),
            ],
            summary_length: 70,
            time_zone: text_of(map, "timezone"),
            excerpt_separator: get(map, "excerpt_separator")
                .and_then(as_text)
                .unwrap_or_else(|| "\n\n".into()),
            build_future: bool_of(map, "future", false),
            build_expired: true,
            build_drafts: bool_of(map, "show_drafts", false),
            new_post_name: String::new(),
            post_asset_folder: false,
            unsafe_html: true,
            typographer: false,
            markdown: {
                let mut m = inkstone_render::Flavor::kramdown();
                if path_of(map, &["kramdown", "auto_ids"]).and_then(as_bool) == Some(false) {
                    m.heading_ids = inkstone_render::HeadingIdStyle::None;
                }
                m
            },
            author: text_of(map, "author")
                .or_else(|| path_of(map, &["author", "name"]).and_then(as_text)),
            themes: Vec::new(),
            params: Map::new(),
            exclude: {
                // Jekyll's own list is added to the site's (`add_default_excludes`).
                const DEFAULT: [&str; 10] = [
                    ".sass-cache",
                    ".jekyll-cache",
                    "gemfiles",
                    "Gemfile",
                    "Gemfile.lock",
                    "node_modules",
                    "vendor/bundle/",
                    "vendor/cache/",
                    "vendor/gems/",
                    "vendor/ruby/",
                ];
                let mut list: Vec<String> = get(map, "exclude")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(as_text).collect())
                    .unwrap_or_default();
                list.extend(DEFAULT.iter().map(|s| (*s).to_string()));
                list
            },
            languages: Default::default(),
            permalinks: crate::permalink::Permalinks::Jekyll(
                crate::permalink::jekyll::Settings::from_config(map),
            ),
        }
    }

    fn hexo(cfg: &str, map: &Map<String, Value>) -> Site {
        let source = text_of(map, "source_dir")
            .unwrap_or_else(|| "source".into())
            .trim_end_matches('/')
            .to_string();
        Site {
            generator: Generator::Hexo,
            config_file: cfg.to_string(),
            config_files: vec![cfg.to_string()],
            rewrites_root_links: false,
            title: text_of(map, "title"),
            base_url: text_of(map, "url"),
            static_dirs: vec![source.clone()],
            content_dir: source,
            has_cjk_language: true,
            taxonomies: vec![
                ("tag".into(), "tags".into()),
                ("category".into(), "categories".into()),
            ],
            summary_length: 70,
            time_zone: text_of(map, "timezone"),
            excerpt_separator: "<!-- more -->".into(),
            build_future: bool_of(map, "future", true),
            build_expired: true,
            build_drafts: bool_of(map, "render_drafts", false),
            new_post_name: text_of(map, "new_post_name").unwrap_or_else(|| ":title.md".into()),
            post_asset_folder: bool_of(map, "post_asset_folder", false),
            unsafe_html: true,
            typographer: false,
            markdown: {
                let mut m = inkstone_render::Flavor::hexo();
                let marked = |key: &str| path_of(map, &["marked", key]).and_then(as_bool);
                if marked("headerIds") == Some(false) {
                    m.heading_ids = inkstone_render::HeadingIdStyle::None;
                }
                if let Some(on) = marked("autolink") {
                    m.linkify = on;
                }
                m
            },
            author: text_of(map, "author"),
            exclude: Vec::new(),
            themes: Vec::new(),
            params: Map::new(),
            languages: Default::default(),
            permalinks: crate::permalink::Permalinks::Hexo(
                crate::permalink::hexo::Settings::from_config(map),
            ),
        }
    }

    /// Settings for a Markdown file outside any blog: Hugo's defaults, CJK detection on.
    pub fn standalone() -> Site {
        let mut site = Self::hugo("", &Map::new());
        site.has_cjk_language = true;
        site.config_files.clear();
        site
    }

    /// Whether the site declares a taxonomy (plural name, e.g. `series`).
    pub fn has_taxonomy(&self, plural: &str) -> bool {
        self.taxonomies
            .iter()
            .any(|(_, p)| p.eq_ignore_ascii_case(plural))
    }

    /// The path part of the base URL (`/blog/` for a project site), for site-absolute links;
    /// Hexo's `root` when it sets one.
    pub fn base_path(&self) -> String {
        if let crate::permalink::Permalinks::Hexo(h) = &self.permalinks {
            return h.root.clone();
        }
        let url = self.base_url.as_deref().unwrap_or("/");
        let after_host = url
            .split_once("://")
            .map_or(url, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
        let trimmed = after_host.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// Where the generator keeps posts, relative to the root.
    pub fn posts_dirs(&self) -> Vec<PathBuf> {
        match self.generator {
            Generator::Hugo => std::iter::once(self.content_dir.as_str())
                .chain(self.languages.content_dirs())
                .map(PathBuf::from)
                .collect(),
            Generator::Jekyll => vec![PathBuf::from(&self.content_dir)],
            Generator::Hexo => vec![
                Path::new(&self.content_dir).join("_posts"),
                Path::new(&self.content_dir).join("_drafts"),
            ],
        }
    }
}
