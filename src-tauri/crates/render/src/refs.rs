//! Every image and link a post's Markdown points at, with its line: what `inkstone check`
//! resolves against the site. Parsed with the same options as the page (so a link the
//! generator would not see as one is not reported), and raw HTML's `src`/`href` too.

use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Parser, Tag};
use regex::Regex;
use serde::Serialize;

use crate::markdown::{LineIndex, parser_options};
use crate::{Flavor, templates};

/// What a reference is.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    Image,
    Link,
}

/// One image or link of a post.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Reference {
    pub kind: RefKind,
    /// The destination as written (after Markdown's own unescaping).
    pub target: String,
    /// 1-based line in the text given.
    pub line: usize,
    /// Written as raw HTML (`<img src>`, `<a href>`), which generators leave as it is.
    pub html: bool,
}

/// The images and links of `markdown` in order. Template tags count as the site builds them:
/// `{{ '/a.png' | relative_url }}` is `/blog/a.png` under the base path `base_path`, Hugo's
/// `figure` and Hexo's `asset_img` are images; the posts that `ref`, `post_url` and
/// `post_link` name are not references here.
pub fn references(markdown: &str, flavor: &Flavor, base_path: &str) -> Vec<Reference> {
    let markdown = &crate::line_feeds(markdown);
    static ATTR: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r#"(?i)<(img|a)\b[^>]*?\s(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#)
            .ok()
    });
    let lines = LineIndex::new(markdown);
    let mut out = Vec::new();
    // Raw HTML, a chunk per block (a block's lines arrive one event each: a tag may span
    // them) or per inline tag, with the line it starts on.
    let mut html: Vec<(usize, String)> = Vec::new();
    let mut in_block = false;
    let masked = templates::mask(markdown, flavor);
    // An address with template tags: what the site makes of it, if the preview knows.
    let address = |dest: &str| -> Option<String> {
        if !masked.touched(dest) {
            return Some(dest.to_string());
        }
        let mut out = String::new();
        for piece in masked.split(dest) {
            match piece {
                templates::Piece::Text(t) => out.push_str(&masked.restore(t)),
                templates::Piece::Token(tok) => match masked.tag(tok) {
                    Some(
                        tag @ templates::Tag {
                            kind: templates::Kind::Output(_),
                            ..
                        },
                    ) => {
                        out.push_str(&templates::address(tag, base_path)?);
                    }
                    _ => return None,
                },
            }
        }
        Some(out)
    };
    for (event, range) in Parser::new_ext(&masked.text, parser_options(flavor)).into_offset_iter() {
        let line = lines.line_of(range.start);
        let block = matches!(event, Event::Html(_));
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(target) = address(&dest_url) {
                    out.push(Reference {
                        kind: RefKind::Image,
                        target,
                        line,
                        html: false,
                    });
                }
            }
            Event::Text(t) if masked.has_token(&t) => {
                for piece in masked.split(&t) {
                    if let templates::Piece::Token(tok) = piece
                        && let templates::Shown::Image { src, .. } =
                            templates::show(masked.tag(tok), tok, base_path)
                    {
                        // The tag writes `<img src>` as given, like raw HTML.
                        out.push(Reference {
                            kind: RefKind::Image,
                            target: src,
                            line,
                            html: true,
                        });
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if address(&dest_url).is_none() => {}
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => out.push(Reference {
                kind: RefKind::Link,
                // `<me@example.org>` is a mail address, as its `mailto:` link says.
                target: if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    address(&dest_url).unwrap_or_default()
                },
                line,
                html: false,
            }),
            Event::Html(text) if in_block => {
                if let Some(last) = html.last_mut() {
                    last.1.push_str(&masked.restore(&text));
                }
            }
            Event::Html(text) | Event::InlineHtml(text) => {
                html.push((line, masked.restore(&text).into_owned()));
            }
            _ => {}
        }
        in_block = block;
    }
    let Some(re) = ATTR.as_ref() else {
        return out;
    };
    for (line, text) in html {
        for c in re.captures_iter(&text) {
            let kind = if c[1].eq_ignore_ascii_case("img") {
                RefKind::Image
            } else {
                RefKind::Link
            };
            let target = c
                .get(3)
                .or(c.get(4))
                .or(c.get(5))
                .map_or("", |m| m.as_str());
            let before = c.get(0).map_or(0, |m| m.start());
            out.push(Reference {
                kind,
                target: target.to_string(),
                line: line + text[..before].matches('\n').count(),
                html: true,
            });
        }
    }
    out.sort_by_key(|r| r.line);
    out
}

/// The `id` and `name` attributes of the raw HTML of `markdown` (outside code): anchors a
/// `#fragment` may name where the generator keeps raw HTML.
pub fn raw_ids(markdown: &str, flavor: &Flavor) -> Vec<String> {
    let markdown = &crate::line_feeds(markdown);
    static ID: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r#"(?i)\s(?:id|name)\s*=\s*["']([^"']+)["']"#).ok());
    let Some(re) = ID.as_ref() else {
        return Vec::new();
    };
    Parser::new_ext(markdown, parser_options(flavor))
        .filter_map(|e| match e {
            Event::Html(t) | Event::InlineHtml(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| {
            re.captures_iter(&t)
                .map(|c| c[1].to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_links_and_raw_html_with_their_lines() {
        let md = "# T\n\n![a](img/a.png) and [b](../other/ \"t\") <me@x.org>\n\n```\n![no](x.png)\n```\n\n<img src=\"/static/c.png\">\n<p>\n<a href='#top'>up</a></p>\n\n[ref]: https://example.org\n\nSee [ref].\n";
        let refs = references(md, &Flavor::hugo(), "/");
        let got: Vec<(RefKind, &str, usize)> = refs
            .iter()
            .map(|r| (r.kind, r.target.as_str(), r.line))
            .collect();
        assert_eq!(
            got,
            [
                (RefKind::Image, "img/a.png", 3),
                (RefKind::Link, "../other/", 3),
                (RefKind::Link, "mailto:me@x.org", 3),
                (RefKind::Image, "/static/c.png", 9),
                (RefKind::Link, "#top", 11),
                (RefKind::Link, "https://example.org", 15),
            ]
        );
        // A tag over two lines of an HTML block; ids of raw HTML outside code.
        let md =
            "<div>\n<img\n  src=\"two.png\" id=\"pic\">\n</div>\n\n```\n<a name=\"code\">\n```\n";
        let refs = references(md, &Flavor::hugo(), "/");
        assert_eq!(
            refs.iter()
                .map(|r| (r.target.as_str(), r.line, r.html))
                .collect::<Vec<_>>(),
            [("two.png", 2, true)]
        );
        assert_eq!(raw_ids(md, &Flavor::hugo()), ["pic"]);
    }
}
