//! Hexo 7's post addresses: `post.path` from the `permalink` pattern (`post_permalink`
//! filter), or the front matter's `permalink` as written; then `url_for` puts `root` before it,
//! encodes it (`encodeURI`) and applies `pretty_urls`.

use std::sync::LazyLock;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use regex::Regex;
use serde_json::{Map, Value};

use super::Fields;
use crate::frontmatter::{as_bool, as_text, get};

#[derive(Debug, Clone)]
pub struct Settings {
    /// `permalink` (default `:year/:month/:day/:title/`).
    pub pattern: String,
    /// `permalink_defaults`: values for placeholders the post does not have.
    pub defaults: Vec<(String, String)>,
    /// `root`, or the path of `url` (always with both slashes).
    pub root: String,
    /// `pretty_urls.trailing_index` / `trailing_html` (both true by default: no change).
    pub trailing_index: bool,
    pub trailing_html: bool,
    /// `new_post_name` without its extension as a pattern over a post's path, and which of
    /// its groups is `:title` (how the file name is read).
    pub file_name: Option<(Regex, Option<usize>)>,
    /// `category_map` and `filename_case` (0 keep, 1 lower, 2 upper): a category's slug.
    pub category_map: Vec<(String, String)>,
    pub filename_case: u8,
    /// `default_category` (default `uncategorized`), used as written.
    pub default_category: String,
    /// `post_asset_folder`: an address that is a folder ends in `/`.
    pub asset_folder: bool,
    /// hexo-renderer-marked's `prependRoot` (default on) without `relative_link`: a local
    /// image's `src` is passed through `url_for` (root put before it).
    pub images_under_root: bool,
    /// hexo-renderer-marked's `postAsset`: a relative image names a file of the post's asset
    /// folder.
    pub post_asset: bool,
}

impl Settings {
    /// From `_config.yml`.
    pub fn from_config(map: &Map<String, Value>) -> Settings {
        let text = |k: &str| get(map, k).and_then(as_text);
        let pairs = |k: &str| -> Vec<(String, String)> {
            get(map, k)
                .and_then(Value::as_object)
                .map(|o| {
                    o.iter()
                        .filter_map(|(k, v)| Some((k.clone(), as_text(v)?)))
                        .collect()
                })
                .unwrap_or_default()
        };
        let url_path = text("url").and_then(|u| {
            let rest = u.split_once("://")?.1;
            Some(rest.find('/').map_or("/", |i| &rest[i..]).to_string())
        });
        let root = text("root").or(url_path).unwrap_or_else(|| "/".into());
        let root = format!("/{}/", root.trim_matches('/')).replace("//", "/");
        let pretty = |k: &str| {
            get(map, "pretty_urls")
                .and_then(|p| p.get(k))
                .and_then(as_bool)
                .unwrap_or(true)
        };
        let marked = |k: &str| get(map, "marked").and_then(|m| m.get(k)).and_then(as_bool);
        let new_post_name = text("new_post_name").unwrap_or_else(|| ":title.md".into());
        let new_post_name = match new_post_name.rfind('.') {
            Some(i) if !new_post_name[i..].contains('/') => new_post_name[..i].to_string(),
            _ => new_post_name,
        };
        let file_name = file_name_pattern(&new_post_name);
        Settings {
            pattern: text("permalink").unwrap_or_else(|| ":year/:month/:day/:title/".into()),
            defaults: pairs("permalink_defaults"),
            root,
            trailing_index: pretty("trailing_index"),
            trailing_html: pretty("trailing_html"),
            file_name,
            category_map: pairs("category_map"),
            filename_case: get(map, "filename_case")
                .and_then(Value::as_u64)
                .map_or(0, |n| n.min(2) as u8),
            default_category: text("default_category").unwrap_or_else(|| "uncategorized".into()),
            asset_folder: get(map, "post_asset_folder")
                .and_then(as_bool)
                .unwrap_or(false),
            images_under_root: marked("prependRoot").unwrap_or(true)
                && !get(map, "relative_link").and_then(as_bool).unwrap_or(false),
            post_asset: marked("postAsset").unwrap_or(false),
        }
    }

    /// `post.path`, then `url_for`.
    pub fn url(&self, f: &Fields<'_>) -> Option<String> {
        let path = match get(f.front_matter, "permalink").and_then(as_text) {
            Some(own) if !own.is_empty() => {
                let own = self.folder_slash(own);
                if own.starts_with('/') {
                    own
                } else {
                    format!("/{own}")
                }
            }
            _ => self.folder_slash(self.fill(f)?),
        };
        Some(self.url_for(&path))
    }

    fn folder_slash(&self, path: String) -> String {
        if self.asset_folder && !path.ends_with('/') && !path.ends_with(".html") {
            path + "/"
        } else {
            path
        }
    }

    /// hexo-util's `Permalink#stringify` over the filter's values: each `:name` (word
    /// characters, not ending in `_`) replaced by its value as is.
    fn fill(&self, f: &Fields<'_>) -> Option<String> {
        let slug = self.slug(f.rel);
        let date = |fmt: &str| f.date.map(|d| d.strftime(fmt).to_string());
        let mut out = String::new();
        let mut last = 0;
        for m in PARAM.as_ref()?.captures_iter(&self.pattern) {
            let whole = m.get(0)?;
            out.push_str(&self.pattern[last..whole.start()]);
            last = whole.end();
            let value = match m.get(1)?.as_str() {
                // The post's `slug` is always the one from its file name.
                "title" | "slug" => slug.clone(),
                "name" => slug.rsplit('/').next().unwrap_or(&slug).to_string(),
                "post_title" => slugize(f.title, 1),
                "year" => date("%Y")?,
                "month" => date("%m")?,
                "day" => date("%d")?,
                "hour" => date("%H")?,
                "minute" => date("%M")?,
                "second" => date("%S")?,
                "i_month" => date("%-m")?,
                "i_day" => date("%-d")?,
                "category" => self.category(f.categories),
                // A database id (random unless the front matter sets one) and a hash of the
                // post's time: not knowable from the files alone.
                "id" => get(f.front_matter, "id").and_then(as_text)?,
                "hash" => return None,
                other => get(f.front_matter, other)
                    .and_then(as_text)
                    .or_else(|| {
                        self.defaults
                            .iter()
                            .find(|(k, _)| k == other)
                            .map(|(_, v)| v.clone())
                    })
                    .unwrap_or_else(|| "undefined".into()),
            };
            out.push_str(&value);
        }
        out.push_str(&self.pattern[last..]);
        Some(out)
    }

    /// The post's slug: its path under `_posts/` or `_drafts/` without the extension, read
    /// with `new_post_name` (`:year-:month-:day-:title` takes the title part); a name the
    /// pattern does not fit is slugized whole.
    fn slug(&self, rel: &str) -> String {
        let inner = rel
            .strip_prefix("_posts/")
            .or_else(|| rel.strip_prefix("_drafts/"))
            .unwrap_or(rel);
        let inner = match inner.rfind('.') {
            Some(i) if !inner[i..].contains('/') => &inner[..i],
            _ => inner,
        };
        let title = self.file_name.as_ref().and_then(|(re, title)| {
            let c = re.captures(inner)?;
            Some(c.get((*title)? + 1)?.as_str().to_string())
        });
        title.unwrap_or_else(|| slugize(inner, 0))
    }

    /// `:category`: the last hierarchy's slug (`category_map` and `filename_case` for each
    /// level), else `default_category` as written.
    fn category(&self, categories: &[String]) -> String {
        let Some(last) = categories.last() else {
            return self.default_category.clone();
        };
        last.split('/')
            .map(|name| {
                let mapped = self
                    .category_map
                    .iter()
                    .find(|(k, _)| k == name)
                    .map_or(name, |(_, v)| v.as_str());
                slugize(mapped, self.filename_case)
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// hexo-util's `url_for`: `root` before the path, `//` one, `encodeURI(unescape(…))`,
    /// then `pretty_urls`.
    fn url_for(&self, path: &str) -> String {
        // `encodeURI` leaves these (and letters and digits) as they are.
        const URI: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b';')
            .remove(b',')
            .remove(b'/')
            .remove(b'?')
            .remove(b':')
            .remove(b'@')
            .remove(b'&')
            .remove(b'=')
            .remove(b'+')
            .remove(b'$')
            .remove(b'-')
            .remove(b'_')
            .remove(b'.')
            .remove(b'!')
            .remove(b'~')
            .remove(b'*')
            .remove(b'\'')
            .remove(b'(')
            .remove(b')')
            .remove(b'#');
        let mut joined = String::new();
        for c in format!("{}{}", self.root, path).chars() {
            if !(c == '/' && joined.ends_with('/')) {
                joined.push(c);
            }
        }
        let decoded = percent_decode_str(&joined).decode_utf8_lossy().into_owned();
        let mut url = utf8_percent_encode(&decoded, URI).to_string();
        if !self.trailing_index
            && let Some(s) = url.strip_suffix("index.html")
        {
            url = s.to_string();
        }
        if !self.trailing_html
            && !url.ends_with("index.html")
            && let Some(s) = url.strip_suffix(".html")
        {
            url = s.to_string();
        }
        url
    }
}

/// A `:name` in a Hexo pattern: JavaScript's ASCII `\w`, not ending in `_`.
static PARAM: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r":([A-Za-z0-9_]*[A-Za-z0-9])").ok());

/// hexo-util's `Permalink` parser for `new_post_name` (without its extension): dates as
/// digits, any other name lazily, anchored at both ends; with the index of `:title`.
fn file_name_pattern(rule: &str) -> Option<(Regex, Option<usize>)> {
    let mut names = Vec::new();
    let mut pattern = String::from("^");
    let mut last = 0;
    for m in PARAM.as_ref()?.captures_iter(rule) {
        let (whole, name) = (m.get(0)?, m.get(1)?);
        pattern.push_str(&regex::escape(&rule[last..whole.start()]));
        pattern.push_str(match name.as_str() {
            "year" => r"([0-9]{4})",
            "month" | "day" => r"([0-9]{2})",
            "i_month" | "i_day" => r"([0-9]{1,2})",
            "hash" => r"([0-9a-f]{12})",
            _ => "(.+?)",
        });
        names.push(name.as_str());
        last = whole.end();
    }
    pattern.push_str(&regex::escape(&rule[last..]));
    pattern.push('$');
    let title = names.iter().position(|n| *n == "title");
    Some((Regex::new(&pattern).ok()?, title))
}

/// hexo-util's `slugize`; `transform` 1 lower-cases, 2 upper-cases.
fn slugize(s: &str, transform: u8) -> String {
    let slug = inkstone_render::hexo_slugize(s);
    match transform {
        1 => slug.to_lowercase(),
        2 => slug.to_uppercase(),
        _ => slug,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(config: &str, rel: &str, fm: &str, categories: &[&str]) -> Option<String> {
        let map: Map<String, Value> = yaml_serde::from_str(config).unwrap();
        let fm: Map<String, Value> = if fm.is_empty() {
            Map::new()
        } else {
            yaml_serde::from_str(fm).unwrap()
        };
        let date: jiff::Zoned = "2024-01-02T10:05:09+00:00[UTC]".parse().unwrap();
        let categories: Vec<String> = categories.iter().map(|c| c.to_string()).collect();
        Settings::from_config(&map).url(&Fields {
            rel,
            front_matter: &fm,
            date: Some(&date),
            categories: &categories,
            title: "Hello, World",
        })
    }

    #[test]
    fn hexo_s_default_pattern_under_the_root() {
        assert_eq!(
            url("url: http://example.com/blog", "_posts/hello.md", "", &[]).as_deref(),
            Some("/blog/2024/01/02/hello/")
        );
        // Subfolders are part of the title; a space is encoded.
        assert_eq!(
            url("root: /", "_posts/2024/My Post.md", "", &[]).as_deref(),
            Some("/2024/01/02/2024/My%20Post/")
        );
        assert_eq!(
            url(
                "permalink: :category/:name.html\npretty_urls: {trailing_html: false}",
                "_posts/a/b.md",
                "",
                &["Tech/Linux 内核"]
            )
            .as_deref(),
            Some("/Tech/Linux-%E5%86%85%E6%A0%B8/b")
        );
        assert_eq!(
            url("permalink: :category/:post_title/", "_posts/x.md", "", &[]).as_deref(),
            Some("/uncategorized/hello-world/")
        );
    }

    #[test]
    fn the_file_name_rule_and_the_front_matter() {
        assert_eq!(
            url(
                "new_post_name: :year-:month-:day-:title.md\npermalink: :i_month/:title/",
                "_posts/2024-01-02-hi.md",
                "",
                &[]
            )
            .as_deref(),
            Some("/1/hi/")
        );
        assert_eq!(
            url("root: /blog/", "_posts/x.md", "permalink: custom/x", &[]).as_deref(),
            Some("/blog/custom/x")
        );
        assert_eq!(
            url(
                "post_asset_folder: true\npermalink: :lang/:title",
                "_posts/x.md",
                "lang: zh",
                &[]
            )
            .as_deref(),
            Some("/zh/x/")
        );
        assert_eq!(url("permalink: :hash/", "_posts/x.md", "", &[]), None);
    }
}
