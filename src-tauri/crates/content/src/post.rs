//! One post as its generator sees it: title, dates, draft state, taxonomies, words, summary.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use inkstone_render::RenderOptions;
use inkstone_render::words::{self, Counting};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::Error;
use crate::dates;
use crate::frontmatter::{self, Format, Split, as_bool, as_list, as_text, get};
use crate::site::{Generator, Site};

/// Whether the generator's default build publishes the post now.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Published,
    Draft,
    /// Dated in the future: appears once that date has passed (and the site is rebuilt).
    Scheduled,
    /// Past its expiry date (Hugo `expiryDate`).
    Expired,
}

/// Whether the site's build includes a post at `now`: a draft, past its expiry date, or
/// dated after `now`, it does not (unless the site builds expired or future posts).
pub(crate) fn status_at(
    site: &Site,
    draft: bool,
    publish: Option<Timestamp>,
    expiry: Option<Timestamp>,
    now: Timestamp,
) -> Status {
    if draft {
        Status::Draft
    } else if expiry.is_some_and(|e| e <= now) && !site.build_expired {
        Status::Expired
    } else if publish.is_some_and(|p| p > now) && !site.build_future {
        Status::Scheduled
    } else {
        Status::Published
    }
}

/// A post or draft as listed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
pub struct Post {
    /// Relative to the blog root, `/`-separated.
    pub path: String,
    pub title: String,
    /// RFC 3339 with offset.
    pub date: Option<String>,
    pub publish_date: Option<String>,
    pub expiry_date: Option<String>,
    pub lastmod: Option<String>,
    /// True when the generator's default build leaves it out as a draft or unpublished post.
    pub draft: bool,
    pub status: Status,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub series: Vec<String>,
    pub words: usize,
    pub reading_minutes: usize,
    pub summary: String,
    pub description: Option<String>,
    pub slug: Option<String>,
    pub cover: Option<String>,
    pub format: Option<Format>,
    /// CJK word counting applies to this page.
    pub cjk: bool,
    /// Hugo: the page's language (`.Lang`).
    pub lang: Option<String>,
    /// Hugo: the blog-relative paths of its other-language versions (`.Translations`).
    pub translations: Vec<String>,
    /// Its address on the site, with the site's sub-path: Hugo's `.RelPermalink`, Jekyll's
    /// `page.url | relative_url`, Hexo's `url_for(post.path)`; `None` when it cannot be known
    /// (a page Hugo does not render, a pattern with Hexo's random `:id`).
    pub url: Option<String>,
    /// Why the post could not be read; the other fields are then best guesses.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error: Option<String>,
}

/// A post opened for editing: the listing view plus every front-matter key and the body.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub post: Post,
    /// Every front-matter key, in file order.
    pub front_matter: Map<String, Value>,
    /// The front matter's text as written (without delimiters).
    pub front_matter_text: String,
    /// Everything before the body, delimiters included: `head + body` is the file.
    pub head: String,
    /// Byte-identical to the file after the front matter.
    pub body: String,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// The parts of a post's file name that carry meaning.
struct Name {
    /// Jekyll's date prefix (`2024-3-5-`), see [`dates::jekyll_post_name`].
    date: Option<jiff::civil::Date>,
    /// The name is dated but the date is none (`2024-13-40-`): Jekyll stops the build.
    bad_date: bool,
    /// The file name without date and extension (the bundle folder for `index.md`).
    slug: String,
}

fn file_name(rel: &str) -> Name {
    let p = Path::new(rel);
    let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let stem = if stem == "index" {
        p.parent()
            .and_then(|d| d.file_name())
            .and_then(|s| s.to_str())
            .unwrap_or(stem)
    } else {
        stem
    };
    match dates::jekyll_post_name(stem) {
        Some((date, slug)) => Name {
            date,
            bad_date: date.is_none(),
            slug: slug.to_string(),
        },
        None => Name {
            date: None,
            bad_date: false,
            slug: stem.to_string(),
        },
    }
}

/// Jekyll's `Utils.titleize_slug`: `brutal-cc` → `Brutal Cc`.
pub fn titleize_slug(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything needed to read posts of one site consistently.
pub struct Context<'s> {
    pub site: &'s Site,
    pub tz: TimeZone,
    pub now: Timestamp,
}

impl<'s> Context<'s> {
    pub fn new(site: &'s Site, now: Timestamp) -> Self {
        let fallback = match site.generator {
            Generator::Hugo => TimeZone::UTC,
            Generator::Jekyll | Generator::Hexo => TimeZone::system(),
        };
        let tz = site
            .time_zone
            .as_deref()
            .and_then(dates::time_zone)
            .unwrap_or(fallback);
        Context { site, tz, now }
    }

    fn counting(&self) -> Counting {
        match self.site.generator {
            Generator::Hugo => Counting::Hugo,
            Generator::Jekyll => Counting::Jekyll,
            Generator::Hexo => Counting::Hexo,
        }
    }

    fn date(&self, fm: &Map<String, Value>, keys: &[&str]) -> Option<Zoned> {
        keys.iter().find_map(|k| {
            get(fm, k)
                .and_then(as_text)
                .and_then(|t| dates::parse(&t, &self.tz))
        })
    }

    /// Jekyll (Ruby's YAML) reads an unquoted `2024-04-02 09:30:00` without an offset as UTC;
    /// a date-only, quoted or seconds-less value is in the site's zone. Jekyll shows every
    /// date in the site's zone.
    fn jekyll_date(&self, fm: &Map<String, Value>, inner: &str) -> Option<Zoned> {
        static QUOTED: LazyLock<Option<Regex>> =
            LazyLock::new(|| Regex::new(r#"(?m)^date:[ \t]*['"]"#).ok());
        static TIMESTAMP: LazyLock<Option<Regex>> = LazyLock::new(|| {
            Regex::new(r"^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?$").ok()
        });
        let raw = get(fm, "date").and_then(as_text)?;
        let quoted = QUOTED.as_ref().is_some_and(|re| re.is_match(inner));
        let utc = !quoted && TIMESTAMP.as_ref().is_some_and(|re| re.is_match(raw.trim()));
        let zone = if utc { TimeZone::UTC } else { self.tz.clone() };
        Some(dates::parse(&raw, &zone)?.with_time_zone(self.tz.clone()))
    }

    /// Reads one post from its text. `rel` is its blog-relative path; `mtime` dates Jekyll
    /// drafts and undated Hexo posts.
    pub fn read(&self, rel: &str, text: &str, mtime: Option<Timestamp>) -> Result<Document, Error> {
        self.read_counting(rel, text, mtime, true)
    }

    /// Like [`Context::read`] without the post's word count, reading time and summary (left
    /// 0 and empty): each is a pass over the whole body, which the live preview, counting
    /// incrementally, must not pay per keystroke.
    pub fn read_uncounted(&self, rel: &str, text: &str) -> Result<Document, Error> {
        self.read_counting(rel, text, None, false)
    }

    fn read_counting(
        &self,
        rel: &str,
        text: &str,
        mtime: Option<Timestamp>,
        counted: bool,
    ) -> Result<Document, Error> {
        let path = std::path::PathBuf::from(rel);
        let hexo = self.site.generator == Generator::Hexo;
        let split = frontmatter::split(text, hexo).map_err(|e| Error::FrontMatter {
            path: path.clone(),
            line: e.line,
            format: e.format,
            message: e.message,
        })?;
        let fm = match split.format {
            Some(format) => frontmatter::parse(
                format,
                split.inner,
                frontmatter::line_at(text, split.inner_start),
            )
            .map_err(|e| Error::FrontMatter {
                path,
                line: e.line,
                format: e.format,
                message: e.message,
            })?,
            None => Map::new(),
        };
        let post = self.post(rel, text, &split, &fm, mtime, counted);
        Ok(Document {
            post,
            body_line: split.body_line(text),
            front_matter_text: split.inner.to_string(),
            head: text[..split.body_start].to_string(),
            body: split.body.to_string(),
            front_matter: fm,
        })
    }

    fn post(
        &self,
        rel: &str,
        text: &str,
        split: &Split<'_>,
        fm: &Map<String, Value>,
        mtime: Option<Timestamp>,
        counted: bool,
    ) -> Post {
        let g = self.site.generator;
        let name = file_name(rel);
        let in_drafts = rel.split('/').any(|seg| seg == "_drafts");
        let split_lists = g == Generator::Jekyll;

        let title = get(fm, "title")
            // Jekyll titles a post by its slug when the title is `false`, as when it is `~`
            // (`data["title"] ||= …`); Hugo shows `false`.
            .filter(|v| !(g == Generator::Jekyll && *v == &Value::Bool(false)))
            .and_then(as_text)
            .filter(|t| !t.trim().is_empty());
        let title = match g {
            Generator::Jekyll => title.unwrap_or_else(|| titleize_slug(&name.slug)),
            Generator::Hexo => title.unwrap_or_else(|| name.slug.clone()),
            Generator::Hugo => title.unwrap_or_default(),
        };

        let from_mtime = || mtime.map(|t| t.to_zoned(self.tz.clone()));
        let from_name = || name.date.and_then(|d| d.to_zoned(self.tz.clone()).ok());
        let (date, publish, expiry, lastmod) = match g {
            Generator::Hugo => {
                let date = self.date(
                    fm,
                    &[
                        "date",
                        "publishDate",
                        "pubdate",
                        "published",
                        "lastmod",
                        "modified",
                    ],
                );
                let publish = self
                    .date(fm, &["publishDate", "pubdate", "published"])
                    .or_else(|| date.clone());
                let expiry = self.date(fm, &["expiryDate", "unpublishdate"]);
                let lastmod = self
                    .date(fm, &["lastmod", "modified"])
                    .or_else(|| date.clone());
                (date, publish, expiry, lastmod)
            }
            Generator::Jekyll => {
                let date = self
                    .jekyll_date(fm, split.inner)
                    .or_else(from_name)
                    .or_else(|| in_drafts.then(from_mtime).flatten());
                let lastmod = self.date(fm, &["last_modified_at"]);
                (date.clone(), date, None, lastmod)
            }
            Generator::Hexo => {
                let date = self.date(fm, &["date"]).or_else(from_mtime);
                let lastmod = self.date(fm, &["updated"]);
                (date.clone(), date, None, lastmod)
            }
        };

        let draft_flag = get(fm, "draft").and_then(as_bool);
        let published = get(fm, "published").and_then(as_bool);
        let draft = match g {
            Generator::Hugo => draft_flag.or(published.map(|p| !p)).unwrap_or(false),
            Generator::Jekyll | Generator::Hexo => in_drafts || published == Some(false),
        };

        let status = status_at(
            self.site,
            draft,
            publish.as_ref().map(Zoned::timestamp),
            expiry.as_ref().map(Zoned::timestamp),
            self.now,
        );

        // Jekyll splits a plural key's text on spaces (`tags: a b`), never a singular's
        // (`category: Web Dev` is one category).
        let list = |keys: &[&str]| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for k in keys {
                if let Some(v) = get(fm, k) {
                    for item in as_list(v, split_lists && k.ends_with('s')) {
                        if !out.contains(&item) {
                            out.push(item);
                        }
                    }
                }
            }
            out
        };
        let tags = list(&crate::Taxonomy::Tags.read_keys(g, fm));
        let mut categories = match g {
            Generator::Jekyll => jekyll_path_categories(
                rel.strip_prefix(self.site.content_dir.as_str())
                    .map_or(rel, |r| r.trim_start_matches('/')),
            ),
            _ => Vec::new(),
        };
        let fm_categories = match g {
            Generator::Hexo => get(fm, crate::Taxonomy::Categories.write_key(g, fm))
                .map(hexo_categories)
                .unwrap_or_default(),
            _ => list(&crate::Taxonomy::Categories.read_keys(g, fm)),
        };
        for c in fm_categories {
            if !categories.contains(&c) {
                categories.push(c);
            }
        }
        let series = list(&["series"]);

        let cjk = match g {
            Generator::Hugo => get(fm, "isCJKLanguage")
                .and_then(as_bool)
                .unwrap_or_else(|| self.site.has_cjk_language && words::has_cjk(text)),
            _ => words::has_cjk(split.body),
        };
        let options = RenderOptions {
            counting: self.counting(),
            cjk,
            flavor: self.site.markdown,
            typographer: self.site.typographer,
            raw_html_is_content: self.site.unsafe_html,
            ..Default::default()
        };
        let (stats, summary) = if counted {
            (
                words::stats(split.body, &options),
                self.summary(split.body, fm, &options),
            )
        } else {
            (
                words::WordStats {
                    words: 0,
                    reading_minutes: 0,
                },
                String::new(),
            )
        };

        let description = get(fm, "description").and_then(as_text);
        let slug = get(fm, "slug").and_then(as_text);
        let cover =
            get(fm, "cover").and_then(|c| as_text(c).or_else(|| c.get("image").and_then(as_text)));
        let url = self.site.permalinks.url(&crate::permalink::Fields {
            rel: rel
                .strip_prefix(self.site.content_dir.as_str())
                .map_or(rel, |r| r.trim_start_matches('/')),
            front_matter: fm,
            date: date.as_ref(),
            categories: &categories,
            title: &get(fm, "title").and_then(as_text).unwrap_or_default(),
        });
        let iso = |z: &Option<Zoned>| z.as_ref().map(dates::rfc3339);
        Post {
            path: rel.to_string(),
            title,
            date: iso(&date),
            publish_date: iso(&publish),
            expiry_date: iso(&expiry),
            lastmod: iso(&lastmod),
            draft,
            status,
            tags,
            categories,
            series,
            words: stats.words,
            reading_minutes: stats.reading_minutes,
            summary,
            description,
            slug,
            cover,
            format: split.format,
            cjk,
            lang: None,
            translations: Vec::new(),
            url,
            // Jekyll stops the build on a post whose file name has an impossible date and no
            // date of its own.
            error: (g == Generator::Jekyll && name.bad_date && get(fm, "date").is_none()).then(|| {
                format!(
                    "{rel}: the file name's date is not a date (Jekyll stops the build on it): fix the name or add a `date:`"
                )
            }),
        }
    }

    fn summary(&self, body: &str, fm: &Map<String, Value>, options: &RenderOptions<'_>) -> String {
        let plain = |md: &str| collapse(&words::plain_text(md, options, false));
        let divider = match self.site.generator {
            Generator::Hugo => body.find("<!--more-->"),
            Generator::Hexo => find_hexo_more(body),
            Generator::Jekyll => body.find(self.site.excerpt_separator.as_str()),
        };
        if let Some(at) = divider {
            return plain(&body[..at]);
        }
        let field = match self.site.generator {
            Generator::Hugo => get(fm, "summary"),
            Generator::Jekyll | Generator::Hexo => get(fm, "excerpt"),
        };
        if let Some(s) = field.and_then(as_text) {
            return plain(&s);
        }
        if self.site.generator == Generator::Hugo {
            let text = words::plain_text(body, options, false);
            let (s, _) = if options.cjk {
                words::summary_by_rune(&text, self.site.summary_length)
            } else {
                words::summary_by_sentence(&text, self.site.summary_length)
            };
            return collapse(&s);
        }
        plain(
            body.split("\n\n")
                .find(|p| !p.trim().is_empty())
                .unwrap_or_default(),
        )
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn find_hexo_more(body: &str) -> Option<usize> {
    let re = regex::Regex::new(r"<!--\s*more\s*-->").ok()?;
    re.find(body).map(|m| m.start())
}

/// Jekyll: every folder above `_posts`/`_drafts` (inside `collections_dir`) is a category.
fn jekyll_path_categories(rel: &str) -> Vec<String> {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.iter().position(|p| *p == "_posts" || *p == "_drafts") {
        Some(i) => parts[..i].iter().map(|s| (*s).to_string()).collect(),
        None => Vec::new(),
    }
}

/// Hexo: `[a, b]` is one hierarchy `a/b`; `[[a, b], c]` are two, `a/b` and `c`.
fn hexo_categories(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) if items.iter().any(Value::is_array) => items
            .iter()
            .map(|i| match i {
                Value::Array(chain) => chain
                    .iter()
                    .filter_map(as_text)
                    .collect::<Vec<_>>()
                    .join("/"),
                other => as_text(other).unwrap_or_default(),
            })
            .filter(|s| !s.is_empty())
            .collect(),
        Value::Array(chain) => {
            let joined = chain
                .iter()
                .filter_map(as_text)
                .collect::<Vec<_>>()
                .join("/");
            if joined.is_empty() {
                Vec::new()
            } else {
                vec![joined]
            }
        }
        other => as_list(other, false),
    }
}

/// A listing entry for a post that could not be read: it still shows, with its error.
pub fn broken(rel: &str, error: &Error) -> Post {
    let name = file_name(rel);
    Post {
        path: rel.to_string(),
        title: name.slug.clone(),
        date: None,
        publish_date: None,
        expiry_date: None,
        lastmod: None,
        draft: false,
        status: Status::Draft,
        tags: Vec::new(),
        categories: Vec::new(),
        series: Vec::new(),
        words: 0,
        reading_minutes: 0,
        summary: String::new(),
        description: None,
        slug: None,
        cover: None,
        format: None,
        cjk: false,
        lang: None,
        translations: Vec::new(),
        url: None,
        error: Some(error.to_string()),
    }
}
