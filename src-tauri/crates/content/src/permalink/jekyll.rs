//! Jekyll 4.3's post addresses (`page.url`, then `relative_url`): the template from the front
//! matter's `permalink`, else a `defaults` set's, else `collections.posts.permalink`, else the
//! site's `permalink` (a style name — `date`, `pretty`, `ordinal`, `weekdate`, `none` — stands
//! for its template); each `:placeholder` filled from the post and escaped, the result
//! cleaned as `Jekyll::URL#sanitize_url` does, under `baseurl`.

use std::sync::LazyLock;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use regex::Regex;
use serde_json::{Map, Value};

use super::Fields;
use crate::frontmatter::{as_text, get};

/// A `defaults` set that gives posts a `permalink`.
#[derive(Debug, Clone)]
pub struct ScopedPermalink {
    /// `scope.path`, without leading `/`: a folder prefix, or a glob when it has `*`.
    pub path: String,
    /// `scope.type` was given (it then names posts).
    pub typed: bool,
    pub permalink: String,
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// The posts' template when neither the post nor a default gives one.
    pub template: String,
    /// `defaults` sets for posts with a `permalink`, in the config's order.
    pub defaults: Vec<ScopedPermalink>,
    /// `baseurl` as `relative_url` puts it before an address: `/blog`, or empty.
    pub base: String,
}

/// `Jekyll::Configuration::STYLE_TO_PERMALINK`: a style name's template; any other text is a
/// template already.
fn style(s: &str) -> String {
    match s {
        "none" => "/:categories/:title:output_ext".into(),
        "date" => "/:categories/:year/:month/:day/:title:output_ext".into(),
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext".into(),
        "pretty" => "/:categories/:year/:month/:day/:title/".into(),
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext".into(),
        other => other.to_string(),
    }
}

impl Settings {
    /// From `_config.yml`.
    pub fn from_config(map: &Map<String, Value>) -> Settings {
        let collection = get(map, "collections")
            .and_then(|c| c.get("posts"))
            .and_then(|p| p.get("permalink"))
            .and_then(as_text);
        let site = get(map, "permalink")
            .and_then(as_text)
            .unwrap_or_else(|| "date".into());
        let defaults = get(map, "defaults")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|set| {
                // `permalink: false` in a set is no template (its text would be one).
                let permalink = match set.get("values")?.get("permalink")? {
                    Value::String(p) => p.clone(),
                    _ => return None,
                };
                let scope = set.get("scope");
                let kind = scope.and_then(|s| s.get("type")).and_then(as_text);
                // A set for another type of document (pages, drafts are posts).
                if kind.as_deref().is_some_and(|k| k != "posts" && k != "post") {
                    return None;
                }
                let path = scope
                    .and_then(|s| s.get("path"))
                    .and_then(as_text)
                    .unwrap_or_default();
                Some(ScopedPermalink {
                    path: path.trim_start_matches('/').to_string(),
                    typed: kind.is_some(),
                    permalink,
                })
            })
            .collect();
        let base = get(map, "baseurl")
            .and_then(as_text)
            .map(|b| b.trim_end_matches('/').to_string())
            .filter(|b| !b.is_empty())
            .map(|b| {
                if b.starts_with('/') {
                    b
                } else {
                    format!("/{b}")
                }
            })
            .unwrap_or_default();
        Settings {
            template: collection.unwrap_or_else(|| style(&site)),
            defaults,
            base,
        }
    }

    /// The `defaults` permalink for the post at `rel`: of the sets whose scope holds it, the
    /// longest path wins, then one with a type, then the later (`has_precedence?`).
    fn default_for(&self, rel: &str) -> Option<&str> {
        let mut best: Option<&ScopedPermalink> = None;
        for set in &self.defaults {
            let holds = if set.path.contains('*') {
                globset::Glob::new(&set.path)
                    .map(|g| g.compile_matcher())
                    .is_ok_and(|m| {
                        std::iter::successors(Some(rel), |p| p.rsplit_once('/').map(|(a, _)| a))
                            .any(|p| m.is_match(p))
                    })
            } else {
                rel.starts_with(&set.path)
            };
            if !holds {
                continue;
            }
            let wins = match best {
                None => true,
                Some(old) if old.path.len() != set.path.len() => set.path.len() >= old.path.len(),
                Some(old) => set.typed || !old.typed,
            };
            if wins {
                best = Some(set);
            }
        }
        best.map(|s| s.permalink.as_str())
    }

    pub fn url(&self, f: &Fields<'_>) -> Option<String> {
        let own = match get(f.front_matter, "permalink") {
            // `permalink: false` or empty of value: the template decides.
            Some(Value::Bool(false) | Value::Null) | None => None,
            Some(v) => Some(as_text(v)?),
        };
        let permalink = own.or_else(|| self.default_for(f.rel).map(str::to_string));
        let template = permalink.clone().unwrap_or_else(|| self.template.clone());
        let values = Placeholders::new(f, permalink.as_deref())?;
        let filled = fill(&template, &values)?;
        Some(format!("{}{}", self.base, sanitize(&filled)))
    }
}

/// The values of a post's placeholders (`Jekyll::Drops::UrlDrop`).
struct Placeholders<'a> {
    f: &'a Fields<'a>,
    /// The name's slug, or the front matter's `slug`.
    slug: String,
    /// The file name without its extension.
    stem: &'a str,
    output_ext: String,
}

impl<'a> Placeholders<'a> {
    fn new(f: &'a Fields<'a>, permalink: Option<&str>) -> Option<Self> {
        let file = f.rel.rsplit('/').next().unwrap_or(f.rel);
        let (stem, ext) = match file.rfind('.') {
            Some(i) if i > 0 => (&file[..i], &file[i..]),
            _ => (file, ""),
        };
        // `populate_title`: the part of the name after its date; the front matter's wins.
        let from_name = crate::dates::jekyll_post_name(stem).map_or(stem, |(_, s)| s);
        // An empty `slug:` is none (`data["slug"] ||= slug`).
        let slug = match get(f.front_matter, "slug") {
            Some(Value::Null) | None => from_name.trim_end_matches('.').to_string(),
            Some(v) => as_text(v)?,
        };
        let markdown = ["md", "markdown", "mkdown", "mkdn", "mkd"];
        let own_ext = permalink
            .filter(|p| !p.ends_with('/'))
            .and_then(|p| {
                let last = p.rsplit('/').next().unwrap_or(p);
                last.rfind('.')
                    .filter(|&i| i > 0)
                    .map(|i| last[i..].to_string())
            })
            .filter(|e| e.len() > 1);
        let output_ext = own_ext.unwrap_or_else(|| {
            if markdown.contains(&ext.trim_start_matches('.').to_ascii_lowercase().as_str()) {
                ".html".into()
            } else {
                ext.to_string()
            }
        });
        Some(Placeholders {
            f,
            slug,
            stem,
            output_ext,
        })
    }

    fn date(&self, format: &str) -> Option<String> {
        Some(self.f.date?.strftime(format).to_string())
    }

    /// A placeholder's value; `None` for one Jekyll does not know (it stops the build).
    fn get(&self, name: &str) -> Option<String> {
        let categories = |slugified: bool| {
            let mut seen: Vec<String> = Vec::new();
            for c in self.f.categories {
                let c = if slugified {
                    slugify(c, Mode::Default, false)
                } else {
                    c.to_lowercase()
                };
                if !seen.contains(&c) {
                    seen.push(c);
                }
            }
            seen.join("/")
        };
        Some(match name {
            "title" => slugify(&self.slug, Mode::Pretty, true),
            "slug" => slugify(&self.slug, Mode::Default, false),
            "name" => slugify(self.stem, Mode::Default, false),
            "path" => {
                let no_ext = self
                    .f
                    .rel
                    .strip_suffix(&self.f.rel[self.f.rel.len() - self.output_ext_len()..])
                    .unwrap_or(self.f.rel);
                no_ext
                    .replacen("_posts", "", 1)
                    .trim_end_matches('.')
                    .to_string()
            }
            "categories" => categories(false),
            "slugified_categories" => categories(true),
            "collection" => "posts".into(),
            "output_ext" => self.output_ext.clone(),
            "year" => self.date("%Y")?,
            "month" => self.date("%m")?,
            "day" => self.date("%d")?,
            "hour" => self.date("%H")?,
            "minute" => self.date("%M")?,
            "second" => self.date("%S")?,
            "i_day" => self.date("%-d")?,
            "i_month" => self.date("%-m")?,
            "short_year" => self.date("%y")?,
            "y_day" => self.date("%j")?,
            "week" => self.date("%V")?,
            "w_year" => self.date("%G")?,
            "w_day" => self.date("%u")?,
            "short_month" => self.date("%b")?,
            "long_month" => self.date("%B")?,
            "short_day" => self.date("%a")?,
            "long_day" => self.date("%A")?,
            _ => return None,
        })
    }

    /// The length of the file's own extension (`:path` drops it).
    fn output_ext_len(&self) -> usize {
        let file = self.f.rel.rsplit('/').next().unwrap_or(self.f.rel);
        file.rfind('.')
            .filter(|&i| i > 0)
            .map_or(0, |i| file.len() - i)
    }
}

/// `URL#generate_url_from_drop`: each `:name` (lower-case letters and `_`; one trailing `_`
/// may be a separator) replaced by its escaped value.
fn fill(template: &str, values: &Placeholders<'_>) -> Option<String> {
    static PLACEHOLDER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r":([a-z_]+)").ok());
    let re = PLACEHOLDER.as_ref()?;
    let mut out = String::new();
    let mut last = 0;
    for m in re.captures_iter(template) {
        let whole = m.get(0)?;
        let name = m.get(1)?.as_str();
        out.push_str(&template[last..whole.start()]);
        let (key, rest) = match values.get(name) {
            Some(v) => (v, ""),
            None => match name.strip_suffix('_') {
                Some(short) => (values.get(short)?, "_"),
                None => return None,
            },
        };
        out.push_str(&escape(&key));
        out.push_str(rest);
        last = whole.end();
    }
    out.push_str(&template[last..]);
    Some(out)
}

/// `URL.escape_path` (Addressable 2.8's `URI.encode`): left alone when it is only letters,
/// digits, `.`, `/` and `-`; else every byte outside a path's characters percent-encoded, with
/// `?` kept and `#` encoded.
fn escape(value: &str) -> String {
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'!')
        .remove(b'$')
        .remove(b'&')
        .remove(b'\'')
        .remove(b'(')
        .remove(b')')
        .remove(b'*')
        .remove(b'+')
        .remove(b',')
        .remove(b';')
        .remove(b'=')
        .remove(b':')
        .remove(b'@')
        .remove(b'/')
        .remove(b'?');
    if value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"./-".contains(&b))
    {
        return value.to_string();
    }
    utf8_percent_encode(value, KEEP).to_string()
}

/// `URL#sanitize_url`: a leading `/`, every `..` a `/`, every `./` gone, runs of `/` one.
fn sanitize(url: &str) -> String {
    let s = format!("/{url}").replace("..", "/").replace("./", "");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Mode {
    /// Letters, marks and decimal digits kept.
    Default,
    /// Those and `._~!$&'()+,;=@`.
    Pretty,
}

/// `Jekyll::Utils.slugify`: each run of other characters one `-`, one `-` trimmed from each
/// end, lower-cased unless `cased`.
fn slugify(s: &str, mode: Mode, cased: bool) -> String {
    static DEFAULT: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"[^\p{M}\p{L}\p{Nd}]+").ok());
    static PRETTY: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+").ok());
    let re = match mode {
        Mode::Default => &DEFAULT,
        Mode::Pretty => &PRETTY,
    };
    let Some(re) = re.as_ref() else {
        return s.to_string();
    };
    let slug = re.replace_all(s, "-");
    let slug = slug.strip_prefix('-').unwrap_or(&slug);
    let slug = slug.strip_suffix('-').unwrap_or(slug);
    if cased {
        slug.to_string()
    } else {
        slug.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(yaml: &str) -> Settings {
        let map: Map<String, Value> = yaml_serde::from_str(yaml).unwrap();
        Settings::from_config(&map)
    }

    fn url(s: &Settings, rel: &str, fm: &str, date: &str, categories: &[&str]) -> Option<String> {
        let fm: Map<String, Value> = if fm.is_empty() {
            Map::new()
        } else {
            yaml_serde::from_str(fm).unwrap()
        };
        let date: jiff::Zoned = format!("{date}[UTC]").parse().unwrap();
        let categories: Vec<String> = categories.iter().map(|c| c.to_string()).collect();
        s.url(&Fields {
            rel,
            front_matter: &fm,
            date: Some(&date),
            categories: &categories,
            title: "",
        })
    }

    #[test]
    fn styles_and_placeholders() {
        let d = "2024-01-05T09:30:00+00:00";
        let post = "_posts/2024-01-05-Hello World!.md";
        assert_eq!(
            url(&settings("title: x"), post, "", d, &[]).as_deref(),
            Some("/2024/01/05/Hello-World!.html")
        );
        assert_eq!(
            url(
                &settings("permalink: pretty"),
                post,
                "",
                d,
                &["Rust", "Web Dev"]
            )
            .as_deref(),
            Some("/rust/web%20dev/2024/01/05/Hello-World!/")
        );
        assert_eq!(
            url(
                &settings("permalink: /:categories/:title/"),
                "_posts/2024-01-05-你好.md",
                "",
                d,
                &[]
            )
            .as_deref(),
            Some("/%E4%BD%A0%E5%A5%BD/")
        );
        assert_eq!(
            url(
                &settings("permalink: weekdate\nbaseurl: /blog/"),
                post,
                "slug: my.slug",
                d,
                &[]
            )
            .as_deref(),
            Some("/blog/2024/W01/Fri/my.slug.html")
        );
        // A front-matter slug keeps its trailing dot, and `..` then reads as a folder.
        assert_eq!(
            url(&settings("permalink: date"), post, "slug: v1.", d, &[]).as_deref(),
            Some("/2024/01/05/v1/html")
        );
        assert_eq!(
            url(
                &settings("permalink: /:year_:i_month/:name:output_ext"),
                post,
                "",
                d,
                &[]
            )
            .as_deref(),
            Some("/2024_1/2024-01-05-hello-world.html")
        );
    }

    #[test]
    fn front_matter_and_defaults_win() {
        let d = "2024-01-05T09:30:00+00:00";
        let s = settings(
            "permalink: pretty\ndefaults:\n  - scope: {path: \"\"}\n    values: {permalink: /all/:title/}\n  - scope: {path: _posts/notes, type: posts}\n    values: {permalink: /notes/:title/}\n  - scope: {type: pages}\n    values: {permalink: /page/}\n",
        );
        assert_eq!(
            url(&s, "_posts/2024-01-05-a.md", "", d, &[]).as_deref(),
            Some("/all/a/")
        );
        assert_eq!(
            url(&s, "_posts/notes/2024-01-05-a.md", "", d, &[]).as_deref(),
            Some("/notes/a/")
        );
        assert_eq!(
            url(
                &s,
                "_posts/2024-01-05-a.md",
                "permalink: /mine.html",
                d,
                &[]
            )
            .as_deref(),
            Some("/mine.html")
        );
        // A placeholder Jekyll does not know stops its build: no address.
        assert_eq!(
            url(&s, "_posts/2024-01-05-a.md", "permalink: /:titles/", d, &[]),
            None
        );
    }

    #[test]
    fn sanitized_like_jekyll() {
        assert_eq!(sanitize("a//b/../c/./d"), "/a/b/c/d");
        assert_eq!(slugify("--a  b--", Mode::Default, false), "a-b");
        assert_eq!(
            slugify("Ünïcode 中文 x.y", Mode::Pretty, true),
            "Ünïcode-中文-x.y"
        );
    }
}
