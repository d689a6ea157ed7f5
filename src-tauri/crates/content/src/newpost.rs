//! A new post: a slug from the title, the path the generator expects, front matter in the
//! format the site already uses. Never overwrites a file.

use std::io::Write;
use std::path::Path;

use jiff::Zoned;
use serde::{Deserialize, Serialize};

use crate::dates;
use crate::frontmatter::Format;
use crate::site::{Generator, Site};
use crate::{Error, Result};

/// How a title becomes a file name.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugStyle {
    /// ASCII: Chinese as pinyin, accents dropped (`你好 世界` → `ni-hao-shi-jie`). The default:
    /// such URLs survive being pasted anywhere.
    #[default]
    Pinyin,
    /// Hugo's `urlize`: CJK characters kept (`你好 世界` → `你好-世界`).
    Cjk,
}

/// What the writer asks for.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewPost {
    pub title: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    /// A draft (`Some(true)`) or a post the site shows (`Some(false)`); `None`: as the
    /// generator makes a new post — Hugo from the site's archetype as written, else a draft
    /// (what `hugo new` writes with no archetype of the site's); Jekyll and Hexo a post.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub draft: Option<bool>,
    /// An explicit slug wins over the title's.
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub slug_style: SlugStyle,
}

impl NewPost {
    /// Whether the new post is a draft under `generator`'s rules (see `draft`).
    pub fn is_draft(&self, generator: Generator) -> bool {
        self.draft.unwrap_or(generator == Generator::Hugo)
    }
}

/// A slug from a title in the given style; never empty.
pub fn slugify(title: &str, style: SlugStyle) -> String {
    let s = match style {
        SlugStyle::Pinyin => slug::slugify(title),
        SlugStyle::Cjk => {
            let mut out = String::new();
            for c in title.trim().chars() {
                if c.is_alphanumeric() || c == '_' {
                    out.extend(c.to_lowercase());
                } else if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
            }
            out.trim_end_matches('-').to_string()
        }
    };
    if s.is_empty() {
        return "post".into();
    }
    shorten(&s, MAX_SLUG_BYTES)
}

/// File systems allow 255 bytes a name; a long Chinese title in pinyin can pass that.
const MAX_SLUG_BYTES: usize = 100;

/// `slug` cut to at most `max` bytes, at a `-` where there is one.
fn shorten(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let mut end = max;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &slug[..end];
    cut.rfind('-')
        .filter(|&i| i > max / 2)
        .map_or(cut, |i| &cut[..i])
        .to_string()
}

/// Terms as given, trimmed, without empty ones or repeats.
fn terms(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in items.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|i| yaml_str(i))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Front matter text, delimiters included, in `format`.
pub fn front_matter(
    format: Format,
    post: &NewPost,
    date: Option<&str>,
    with_draft: bool,
) -> String {
    let mut fields: Vec<(&str, String)> = vec![("title", yaml_str(post.title.trim()))];
    if let Some(d) = date {
        fields.push((
            "date",
            match format {
                Format::Toml => d.to_string(),
                _ => yaml_str(d),
            },
        ));
    }
    if with_draft {
        fields.push(("draft", post.is_draft(Generator::Hugo).to_string()));
    }
    fields.push(("tags", list(&terms(&post.tags))));
    fields.push(("categories", list(&terms(&post.categories))));
    match format {
        Format::Yaml => {
            let body: String = fields.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
            format!("---\n{body}---\n")
        }
        Format::Toml => {
            let body: String = fields.iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
            format!("+++\n{body}+++\n")
        }
        Format::Json => {
            let body = fields
                .iter()
                .map(|(k, v)| format!("  \"{k}\": {v}"))
                .collect::<Vec<_>>()
                .join(",\n");
            format!("{{\n{body}\n}}\n")
        }
        Format::HexoJson => {
            let body = fields
                .iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect::<Vec<_>>()
                .join(",\n");
            format!("{body}\n;;;\n")
        }
    }
}

/// Blog-relative path of the new post per the generator's conventions.
pub fn path_for(site: &Site, post: &NewPost, now: &Zoned) -> String {
    let slug = post
        .slug
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| slugify(&post.title, post.slug_style));
    // `--slug x.md` means the file x.md, not x.md.md.
    let slug = slug
        .strip_suffix(".md")
        .filter(|s| !s.is_empty())
        .unwrap_or(&slug)
        .to_string();
    // The content folder may be the blog's root (`contentDir = "."`): no leading `/`.
    let under = |dir: &str, rest: String| {
        if dir.is_empty() {
            rest
        } else {
            format!("{dir}/{rest}")
        }
    };
    match site.generator {
        Generator::Hugo => under(&site.content_dir, format!("posts/{slug}.md")),
        // Inside `collections_dir` when the site sets one (Jekyll reads posts only there).
        Generator::Jekyll if post.is_draft(Generator::Jekyll) => {
            under(&site.content_dir, format!("_drafts/{slug}.md"))
        }
        Generator::Jekyll => under(
            &site.content_dir,
            format!("_posts/{}-{slug}.md", now.strftime("%Y-%m-%d")),
        ),
        Generator::Hexo if post.is_draft(Generator::Hexo) => {
            under(&site.content_dir, format!("_drafts/{slug}.md"))
        }
        Generator::Hexo => {
            let name = site
                .new_post_name
                .replace(":title", &slug)
                .replace(":year", &now.strftime("%Y").to_string())
                .replace(":month", &now.strftime("%m").to_string())
                .replace(":i_month", &now.month().to_string())
                .replace(":day", &now.strftime("%d").to_string())
                .replace(":i_day", &now.day().to_string())
                .replace(":hour", &now.strftime("%H").to_string())
                .replace(":minute", &now.strftime("%M").to_string())
                .replace(":second", &now.strftime("%S").to_string());
            under(
                &site.content_dir,
                format!("_posts/{}", name.trim_start_matches('/')),
            )
        }
    }
}

/// The text of the new file.
pub fn contents(site: &Site, format: Format, post: &NewPost, now: &Zoned) -> String {
    let (date, with_draft) = match site.generator {
        Generator::Hugo => (Some(dates::rfc3339(now)), true),
        Generator::Jekyll => (
            (!post.is_draft(Generator::Jekyll))
                .then(|| now.strftime("%Y-%m-%d %H:%M:%S %z").to_string()),
            false,
        ),
        Generator::Hexo => (Some(now.strftime("%Y-%m-%d %H:%M:%S").to_string()), false),
    };
    let format = if site.generator == Generator::Hexo && format != Format::HexoJson {
        Format::Yaml
    } else {
        format
    };
    let mut text = front_matter(format, post, date.as_deref(), with_draft);
    text.push('\n');
    text
}

/// Writes `contents` to a new file at `path`: the file appears whole or not at all, and an
/// existing file is never replaced.
pub fn write_new(path: &Path, contents: &str) -> Result<()> {
    if path.exists() {
        return Err(Error::Exists(path.to_path_buf()));
    }
    let dir = path
        .parent()
        .ok_or_else(|| Error::Invalid(format!("{}: no parent folder", path.display())))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".inkstone-new-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(contents.as_bytes())
        .map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists(path.to_path_buf())
        } else {
            Error::io(path, e.error)
        }
    })?;
    Ok(())
}
