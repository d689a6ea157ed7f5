//! Every image and link a post's Markdown points at, with its line: what `inkstone check`
//! resolves against the site. Parsed with the same options as the page (so a link the
//! generator would not see as one is not reported), and raw HTML's `src`/`href` too.

use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Parser, Tag};
use regex::Regex;
use serde::Serialize;

use crate::Flavor;
use crate::markdown::{LineIndex, parser_options};

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
}

/// The images and links of `markdown` in order.
pub fn references(markdown: &str, flavor: &Flavor) -> Vec<Reference> {
    static ATTR: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r#"(?i)<(img|a)\b[^>]*?\s(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#)
            .ok()
    });
    let lines = LineIndex::new(markdown);
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(markdown, parser_options(flavor)).into_offset_iter() {
        let line = lines.line_of(range.start);
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => out.push(Reference {
                kind: RefKind::Image,
                target: dest_url.to_string(),
                line,
            }),
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
                    dest_url.to_string()
                },
                line,
            }),
            Event::Html(html) | Event::InlineHtml(html) => {
                let Some(re) = ATTR.as_ref() else { continue };
                for c in re.captures_iter(&html) {
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
                        line: line + html[..before].matches('\n').count(),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_links_and_raw_html_with_their_lines() {
        let md = "# T\n\n![a](img/a.png) and [b](../other/ \"t\") <me@x.org>\n\n```\n![no](x.png)\n```\n\n<img src=\"/static/c.png\">\n<p>\n<a href='#top'>up</a></p>\n\n[ref]: https://example.org\n\nSee [ref].\n";
        let refs = references(md, &Flavor::hugo());
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
    }
}
