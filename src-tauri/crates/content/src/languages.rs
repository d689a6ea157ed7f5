//! A Hugo site's languages, each page's language and translations, and each page's URL, as
//! Hugo 0.111 computes them (`languages`, `defaultContentLanguage[InSubdir]`, `permalinks`,
//! `slug` and `url` front matter, bundles, the `baseURL` path).

use serde_json::{Map, Value};

use crate::frontmatter::{as_bool, as_text, get};

/// One language of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// Lower-cased, as Hugo's `.Lang`.
    pub code: String,
    /// `languageName`, as the site's language menu shows it.
    pub name: Option<String>,
    pub weight: i64,
    /// Its own content folder (`languages.<code>.contentDir`), relative to the root.
    pub content_dir: Option<String>,
    /// Its own `permalinks`, over the site's.
    pub permalinks: Vec<(String, String)>,
}

/// The site's languages and how its URLs are made.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Languages {
    pub default: String,
    /// `defaultContentLanguageInSubdir`: the default language under `/<code>/` too.
    pub default_in_subdir: bool,
    /// Configured languages, by weight; empty for a single-language site.
    pub list: Vec<Language>,
    /// `permalinks`: section → pattern.
    pub permalinks: Vec<(String, String)>,
    /// The path of `baseURL` (`/blog/` for `https://x.org/blog/`), always with both slashes.
    pub base_path: String,
    /// `disablePathToLower`.
    pub keep_case: bool,
    /// `removePathAccents`.
    pub remove_accents: bool,
    /// `uglyURLs`: `/posts/a.html` instead of `/posts/a/`.
    pub ugly: bool,
}

impl Languages {
    /// From a Hugo configuration.
    pub fn hugo(map: &Map<String, Value>) -> Self {
        let default = get(map, "defaultContentLanguage")
            .and_then(as_text)
            .unwrap_or_else(|| "en".into())
            .to_lowercase();
        let mut list: Vec<Language> = get(map, "languages")
            .and_then(Value::as_object)
            .map(|langs| {
                langs
                    .iter()
                    .filter(|(_, v)| {
                        v.as_object()
                            .and_then(|o| get(o, "disabled"))
                            .and_then(as_bool)
                            != Some(true)
                    })
                    .map(|(code, v)| Language {
                        code: code.to_lowercase(),
                        name: v
                            .as_object()
                            .and_then(|o| get(o, "languageName"))
                            .and_then(as_text),
                        weight: v
                            .as_object()
                            .and_then(|o| get(o, "weight"))
                            .and_then(Value::as_i64)
                            .unwrap_or(0),
                        content_dir: v
                            .as_object()
                            .and_then(|o| get(o, "contentDir"))
                            .and_then(as_text)
                            .map(|d| d.trim_end_matches('/').to_string()),
                        permalinks: v
                            .as_object()
                            .and_then(|o| get(o, "permalinks"))
                            .map(permalinks)
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        list.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.code.cmp(&b.code)));
        let base_path = get(map, "baseURL")
            .and_then(as_text)
            .and_then(|u| url_path(&u))
            .unwrap_or_default();
        let base_path = format!("/{}/", base_path.trim_matches('/')).replace("//", "/");
        Languages {
            default,
            default_in_subdir: get(map, "defaultContentLanguageInSubdir")
                .and_then(as_bool)
                .unwrap_or(false),
            list,
            permalinks: get(map, "permalinks").map(permalinks).unwrap_or_default(),
            base_path,
            keep_case: get(map, "disablePathToLower")
                .and_then(as_bool)
                .unwrap_or(false),
            remove_accents: get(map, "removePathAccents")
                .and_then(as_bool)
                .unwrap_or(false),
            ugly: get(map, "uglyURLs").and_then(as_bool).unwrap_or(false),
        }
    }

    /// A language code Hugo knows: a configured one, or the default language (a site with no
    /// `languages` still has it). Hugo compares the file-name suffix as written with the
    /// configured codes, which it lower-cases.
    fn known(&self, code: &str) -> bool {
        code == self.default || self.list.iter().any(|l| l.code == code)
    }

    /// More than one language: other languages live under `/<code>/`.
    fn multilingual(&self) -> bool {
        self.list.len() > 1
    }

    /// The content folders of the languages that have their own.
    pub fn content_dirs(&self) -> impl Iterator<Item = &str> {
        self.list.iter().filter_map(|l| l.content_dir.as_deref())
    }

    /// Where a page at `rel` (blog-relative) stands: its language, the content folder it is
    /// in, and its path inside that folder.
    pub fn place<'a>(&'a self, content_dir: &'a str, rel: &'a str) -> Place<'a> {
        let inside = |dir: &str| {
            if dir.is_empty() {
                Some(rel)
            } else {
                rel.strip_prefix(dir)?.strip_prefix('/')
            }
        };
        // A language's own folder first (the longest that holds the page).
        let own = self
            .list
            .iter()
            .filter_map(|l| Some((l, inside(l.content_dir.as_deref()?)?)))
            .max_by_key(|(l, _)| l.content_dir.as_deref().map_or(0, str::len));
        let (dir_lang, in_content) = match own {
            Some((l, p)) => (Some(l.code.as_str()), p),
            None => (None, inside(content_dir).unwrap_or(rel)),
        };
        // A file-name suffix that names a language (`index.en.md`) wins.
        let file = in_content.rsplit('/').next().unwrap_or(in_content);
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let (base, suffix_lang) = match stem.rsplit_once('.') {
            Some((b, code)) if self.known(code) => (b, Some(code.to_string())),
            // A bundle's index in a language the site does not define is still its index.
            Some(("index", _)) => ("index", None),
            _ => (stem, None),
        };

        let lang = suffix_lang
            .or_else(|| dir_lang.map(str::to_string))
            .unwrap_or_else(|| self.default.clone());
        let dir = in_content.rsplit_once('/').map_or("", |(d, _)| d);
        Place { lang, dir, base }
    }
}

/// A page's place in the content tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place<'a> {
    pub lang: String,
    /// Its folder inside the content folder (`posts/hello`), without slashes at the ends.
    pub dir: &'a str,
    /// The file name without extension and language (`index` for a bundle).
    pub base: &'a str,
}

impl Place<'_> {
    /// Hugo's translation base: what pages of other languages share to be translations
    /// (without a `translationKey`).
    pub fn translation_base(&self) -> String {
        if self.dir.is_empty() {
            self.base.to_string()
        } else {
            format!("{}/{}", self.dir, self.base)
        }
    }

    /// Hugo's `ContentBaseName`: the bundle's folder for an `index` file.
    fn content_base(&self) -> &str {
        if self.base == "index" {
            self.dir.rsplit('/').next().unwrap_or(self.base)
        } else {
            self.base
        }
    }

    /// The folder the page's URL starts from (a bundle's parent).
    fn url_dir(&self) -> &str {
        if self.base == "index" {
            self.dir.rsplit_once('/').map_or("", |(d, _)| d)
        } else {
            self.dir
        }
    }
}

/// What of a page's front matter its URL uses.
pub struct UrlFields<'a> {
    pub title: &'a str,
    pub slug: Option<&'a str>,
    pub url: Option<&'a str>,
    /// `YYYY-MM-DD…` of the page's date.
    pub date: Option<&'a str>,
}

/// `permalinks` as section → pattern (keys lower-cased, as Hugo reads its configuration).
fn permalinks(v: &Value) -> Vec<(String, String)> {
    v.as_object()
        .map(|p| {
            p.iter()
                .filter_map(|(k, v)| Some((k.to_lowercase(), as_text(v)?)))
                .collect()
        })
        .unwrap_or_default()
}

/// Go's `url.QueryUnescape`: `+` is a space, `%XX` its byte.
fn query_unescape(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map_or_else(|_| spaced.clone(), |c| c.into_owned())
}

/// Go's `path.Clean` of an absolute path, its trailing slash kept.
fn clean(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if path.ends_with('/') && out != "/" {
        out.push('/');
    }
    out
}

/// The front matter's `slug`, without the `-` Hugo trims from its ends.
fn slug<'a>(fields: &UrlFields<'a>) -> Option<&'a str> {
    fields
        .slug
        .map(|s| s.trim_matches('-'))
        .filter(|s| !s.is_empty())
}

fn url_path(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    Some(rest.find('/').map_or("/", |i| &rest[i..]).to_string())
}

/// Hugo's `UnicodeSanitize`: letters, digits, marks and `._-#+~@/\` kept, runs of white
/// space one `-` (not after a `-`), the rest dropped.
fn sanitize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let (mut prepend, mut was_hyphen) = (false, false);
    for (i, &r) in chars.iter().enumerate() {
        let hex = |c: Option<&char>| c.is_some_and(char::is_ascii_hexdigit);
        let allowed = matches!(r, '.' | '/' | '\\' | '_' | '#' | '+' | '~' | '-' | '@')
            || unicode_is_letter(r)
            || unicode_is_digit(r)
            || unicode_is_mark(r)
            || (r == '%' && hex(chars.get(i + 1)) && hex(chars.get(i + 2)));
        if allowed {
            was_hyphen = r == '-';
            if prepend {
                if !was_hyphen {
                    out.push('-');
                }
                prepend = false;
            }
            out.push(r);
        } else if !out.is_empty() && !was_hyphen && r.is_whitespace() {
            prepend = true;
        }
    }
    out
}

fn unicode_is_letter(c: char) -> bool {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    c.general_category_group() == GeneralCategoryGroup::Letter
}

fn unicode_is_digit(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    c.general_category() == GeneralCategory::DecimalNumber
}

fn unicode_is_nonspacing_mark(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    c.general_category() == GeneralCategory::NonspacingMark
}

fn unicode_is_mark(c: char) -> bool {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    c.general_category_group() == GeneralCategoryGroup::Mark
}

impl Languages {
    /// Hugo's `MakePathSanitized`.
    fn path(&self, s: &str) -> String {
        let s = if self.remove_accents {
            use unicode_normalization::UnicodeNormalization;
            s.nfd()
                .filter(|c| !unicode_is_nonspacing_mark(*c))
                .nfc()
                .collect::<String>()
        } else {
            s.to_string()
        };
        let s = sanitize(&s);
        if self.keep_case { s } else { s.to_lowercase() }
    }

    /// The page's `.RelPermalink`: `sections_path` is `:sections` for it (the path of its
    /// nearest section).
    pub fn url(&self, place: &Place<'_>, fields: &UrlFields<'_>, sections_path: &str) -> String {
        let base = self.base_path.trim_end_matches('/');
        let prefix =
            if self.multilingual() && (place.lang != self.default || self.default_in_subdir) {
                format!("/{}", place.lang)
            } else {
                String::new()
            };
        // `url` is kept as written (no sanitizing); relative to the language when it does
        // not start with `/`; without a file extension it is a folder.
        if let Some(url) = fields.url.filter(|u| !u.is_empty()) {
            let mut path = if url.starts_with('/') {
                url.to_string()
            } else {
                format!("{prefix}/{url}")
            };
            let last = path.rsplit('/').next().unwrap_or("");
            if !path.ends_with('/') && !last.contains('.') {
                path.push('/');
            }
            return escape(&clean(&format!("{base}{path}")));
        }
        let section = place.dir.split('/').next().unwrap_or("");
        // The keys are lower-cased and compared with the section as written: a folder with
        // capitals matches none (as in Hugo 0.111). A language's own permalinks first.
        let own = self
            .list
            .iter()
            .find(|l| l.code == place.lang)
            .map(|l| l.permalinks.as_slice())
            .unwrap_or_default();
        let pattern = own
            .iter()
            .chain(&self.permalinks)
            .find(|(s, _)| s == section)
            .map(|(_, p)| p.as_str());
        let mut path = match pattern {
            // Expanded, then read as a query string (`+` a space), as Hugo does.
            Some(p) => query_unescape(&self.expand(p, place, fields, section, sections_path)),
            None => {
                let name = slug(fields).unwrap_or(place.content_base());
                let dir = place.url_dir();
                if dir.is_empty() {
                    format!("/{name}")
                } else {
                    format!("/{dir}/{name}")
                }
            }
        };
        if self.ugly {
            path = format!("{}.html", path.trim_end_matches('/'));
        } else if !path.ends_with('/') {
            path.push('/');
        }
        let path = self.path(&clean(&path));
        escape(&format!("{base}{prefix}{path}"))
    }

    fn expand(
        &self,
        pattern: &str,
        place: &Place<'_>,
        fields: &UrlFields<'_>,
        section: &str,
        sections_path: &str,
    ) -> String {
        let urlize = |s: &str| self.path(s);
        let date = fields.date.unwrap_or("0001-01-01");
        let civil = jiff::civil::Date::strptime("%Y-%m-%d", date.get(..10).unwrap_or(date)).ok();
        let mut out = String::new();
        let mut rest = pattern;
        while let Some(i) = rest.find(':') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let len = after
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(after.len());
            let token = &after[..len];
            let value = match token {
                "year" => civil.map(|d| d.year().to_string()),
                "month" => civil.map(|d| format!("{:02}", d.month())),
                "monthname" => civil.map(|d| d.strftime("%B").to_string()),
                "day" => civil.map(|d| format!("{:02}", d.day())),
                "weekday" => civil.map(|d| d.weekday().to_sunday_zero_offset().to_string()),
                "weekdayname" => civil.map(|d| d.strftime("%A").to_string()),
                "yearday" => civil.map(|d| d.day_of_year().to_string()),
                "section" => Some(section.to_string()),
                "sections" => Some(sections_path.to_string()),
                "title" => Some(urlize(fields.title)),
                "slug" => Some(urlize(slug(fields).unwrap_or(fields.title))),
                "slugorfilename" => Some(urlize(slug(fields).unwrap_or(place.content_base()))),
                "filename" => Some(urlize(place.content_base())),
                _ => None,
            };
            match value {
                Some(v) => out.push_str(&v),
                None => {
                    out.push(':');
                    out.push_str(token);
                }
            }
            rest = &after[len..];
        }
        out.push_str(rest);
        if !out.starts_with('/') {
            out.insert(0, '/');
        }
        out
    }
}

/// Go's `url.URL.String()` for a path: unreserved characters and `$&+,/:;=@` stay, the rest
/// is percent-encoded as UTF-8.
pub(crate) fn escape_path(path: &str) -> String {
    escape(path)
}

fn escape(path: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~')
        .remove(b'$')
        .remove(b'&')
        .remove(b'+')
        .remove(b',')
        .remove(b'/')
        .remove(b':')
        .remove(b';')
        .remove(b'=')
        .remove(b'@')
        .remove(b'#')
        .remove(b'%');
    utf8_percent_encode(path, KEEP).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_s_path_sanitizing() {
        assert_eq!(sanitize("Hello World"), "Hello-World");
        assert_eq!(sanitize("你好 世界"), "你好-世界");
        assert_eq!(sanitize("a - b"), "a-b");
        assert_eq!(sanitize("C++ & C#!"), "C++-C#");
        assert_eq!(
            escape("/blog/你好-世界/"),
            "/blog/%E4%BD%A0%E5%A5%BD-%E4%B8%96%E7%95%8C/"
        );
    }
}
