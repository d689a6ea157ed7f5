//! What the preview shows for a template tag: the image, link address or text it makes when
//! that is known without the site's templates, else a labelled card (an embed as a card with
//! its address; no network).

use pulldown_cmark_escape::escape_html;

use super::{Kind, Tag};

/// What the preview shows for a tag.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Shown {
    /// This HTML.
    Html(String),
    /// An image, resolved like any other: its source, alternative text and caption.
    Image {
        src: String,
        alt: String,
        caption: String,
    },
}

/// `'path' | relative_url` (or `absolute_url`): the path under the site's base path
/// (`base`, e.g. `/blog/`), as Jekyll's filter writes it; a bare quoted path as it is.
pub(crate) fn liquid_path(expr: &str, base: &str) -> Option<String> {
    let mut parts = expr.split('|').map(str::trim);
    let first = parts.next()?;
    let path = first
        .strip_prefix('\'')
        .and_then(|r| r.strip_suffix('\''))
        .or_else(|| first.strip_prefix('"').and_then(|r| r.strip_suffix('"')))?;
    let filters: Vec<&str> = parts.collect();
    if !filters
        .iter()
        .all(|f| matches!(*f, "relative_url" | "absolute_url"))
    {
        return None;
    }
    if filters.is_empty() || path.contains("://") {
        return Some(path.to_string());
    }
    let base = base.trim_end_matches('/');
    Some(format!("{base}/{}", path.trim_start_matches('/')))
}

/// What a link's or image's address that holds a tag points at, as far as the preview knows.
pub(crate) fn address(tag: &Tag, base: &str) -> Option<String> {
    match &tag.kind {
        Kind::Call { name, args } => match name.as_str() {
            "ref" | "relref" | "post_url" | "link" | "asset_path" => args.first().cloned(),
            _ => None,
        },
        Kind::Output(expr) => liquid_path(expr, base),
        _ => None,
    }
}

fn arg<'a>(args: &'a [String], key: &str) -> Option<&'a str> {
    args.iter().find_map(|a| {
        a.split_once('=')
            .filter(|(k, _)| k.trim() == key)
            .map(|(_, v)| v.trim_matches(['"', '\'']))
    })
}

fn card(name: &str, detail: &str, source: &str, link: Option<&str>) -> String {
    let mut s = String::from("<span class=\"tpl\" data-tpl=\"");
    let _ = escape_html(&mut s, name);
    s.push_str("\" title=\"");
    let _ = escape_html(&mut s, source);
    s.push_str("\"><span class=\"tpl-name\">");
    let _ = escape_html(&mut s, name);
    s.push_str("</span>");
    if !detail.is_empty() {
        s.push_str(" <span class=\"tpl-detail\">");
        let _ = escape_html(&mut s, detail);
        s.push_str("</span>");
    }
    if let Some(url) = link {
        s.push_str(" <a class=\"tpl-link\" href=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut s, url);
        s.push_str("\">");
        let _ = escape_html(&mut s, url);
        s.push_str("</a>");
    }
    s.push_str("</span>");
    s
}

/// What the preview shows for a tag in the prose.
pub(crate) fn show(tag: Option<&Tag>, token: &str, base: &str) -> Shown {
    let Some(tag) = tag else {
        return Shown::Html(card("template tag", "", token, None));
    };
    let src = tag.source.as_str();
    match &tag.kind {
        Kind::Hidden => Shown::Html(String::new()),
        Kind::Literal(t) => {
            let mut s = String::new();
            let _ = escape_html(&mut s, t);
            Shown::Html(s)
        }
        Kind::Output(expr) => match liquid_path(expr, base) {
            Some(path) => {
                let mut s = String::new();
                let _ = escape_html(&mut s, &path);
                Shown::Html(s)
            }
            None => Shown::Html(card("{{ }}", expr, src, None)),
        },
        Kind::Call { name, args } => {
            let first = args.first().map(String::as_str).unwrap_or_default();
            let positional: Vec<&str> = args
                .iter()
                .filter(|a| !a.contains('='))
                .map(String::as_str)
                .collect();
            match name.as_str() {
                "figure" => match arg(args, "src") {
                    Some(path) => Shown::Image {
                        src: path.to_string(),
                        alt: arg(args, "alt").unwrap_or_default().to_string(),
                        caption: arg(args, "caption")
                            .or_else(|| arg(args, "title"))
                            .unwrap_or_default()
                            .to_string(),
                    },
                    None => Shown::Html(card(name, "", src, None)),
                },
                "asset_img" => {
                    // `{% asset_img [class…] slug [width] [height] [title text [alt text]] %}`:
                    // the first argument with a dot is the file.
                    let at = positional.iter().position(|a| a.contains('.')).unwrap_or(0);
                    let file = positional.get(at).copied().unwrap_or(first);
                    let title = positional
                        .get(at + 1..)
                        .map(|r| r.join(" "))
                        .unwrap_or_default();
                    Shown::Image {
                        src: file.to_string(),
                        alt: title.clone(),
                        caption: String::new(),
                    }
                }
                "youtube" => {
                    let id = arg(args, "id").unwrap_or(first);
                    let url = format!("https://www.youtube.com/watch?v={id}");
                    Shown::Html(card("YouTube", id, src, Some(&url)))
                }
                "vimeo" => {
                    let id = arg(args, "id").unwrap_or(first);
                    let url = format!("https://vimeo.com/{id}");
                    Shown::Html(card("Vimeo", id, src, Some(&url)))
                }
                "gist" => {
                    let url = match positional.as_slice() {
                        [user, id, ..] => format!("https://gist.github.com/{user}/{id}"),
                        [id] => format!("https://gist.github.com/{id}"),
                        [] => String::new(),
                    };
                    Shown::Html(card("gist", "", src, (!url.is_empty()).then_some(&*url)))
                }
                "x" | "tweet" | "twitter" => {
                    let user = arg(args, "user").unwrap_or_default();
                    let id = arg(args, "id").unwrap_or(first);
                    let url = if user.is_empty() {
                        format!("https://x.com/i/status/{id}")
                    } else {
                        format!("https://x.com/{user}/status/{id}")
                    };
                    Shown::Html(card("post on X", id, src, Some(&url)))
                }
                "iframe" | "video" | "audio" => {
                    Shown::Html(card(name, "", src, (!first.is_empty()).then_some(first)))
                }
                "ref" | "relref" => Shown::Html(card(name, first, src, None)),
                "param" => Shown::Html(card("param", first, src, None)),
                "post_link" | "post_path" | "post_url" | "link" | "asset_link" | "asset_path" => {
                    Shown::Html(card(name, &positional.join(" "), src, None))
                }
                "include" | "include_relative" | "include_code" | "include_raw" => {
                    Shown::Html(card(name, first, src, None))
                }
                _ => Shown::Html(card(name, &args.join(" "), src, None)),
            }
        }
    }
}

/// The text a tag puts on the page, as far as it is known without the site's templates: what
/// its words are counted from. A literal's text; a figure's title, caption and attribution
/// (Hugo's `figure` writes `<h4>` and `<p>` with nothing between: glued); the address a reference
/// writes (`base`: the site's base path). Nothing for a tag whose output is not known — never
/// the tag's own braces and arguments, which the site does not show.
pub(crate) fn text_of(tag: Option<&Tag>, base: &str) -> String {
    let Some(tag) = tag else {
        return String::new();
    };
    match &tag.kind {
        Kind::Literal(t) => t.clone(),
        Kind::Hidden => String::new(),
        Kind::Output(_) => address(tag, base).unwrap_or_default(),
        Kind::Call { name, args } => match name.as_str() {
            "figure" => {
                let get = |key| arg(args, key).unwrap_or_default();
                format!(" {}{}{} ", get("title"), get("caption"), get("attr"))
            }
            _ => address(tag, base).unwrap_or_default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liquid_paths_are_read_from_relative_url() {
        assert_eq!(
            liquid_path("'/assets/a b.png' | relative_url", "/blog/").as_deref(),
            Some("/blog/assets/a b.png")
        );
        assert_eq!(
            liquid_path("\"assets/x.png\" | relative_url", "/").as_deref(),
            Some("/assets/x.png")
        );
        assert_eq!(liquid_path("page.title | upcase", "/"), None);
    }
}
