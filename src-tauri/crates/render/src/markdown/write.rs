//! The HTML the transform writes for its pieces: headings and code blocks opened, Mermaid
//! blocks, figures, bare URLs made links, images resolved to the blog's files.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::{CodeBuf, HeadingBuf};
use crate::templates::{self, Piece};
use crate::{ImageRef, RenderOptions, Warning, WarningKind, highlight, linkify};

/// A link's or image's address holding template tags: what they point at, as far as known.
pub(super) fn tag_address(masked: &templates::Masked<'_>, dest: &str, base: &str) -> String {
    let mut out = String::new();
    for piece in masked.split(dest) {
        match piece {
            Piece::Text(t) => out.push_str(&masked.restore(t)),
            // What the site makes of any other tag is not known here: no address.
            Piece::Token(tok) => {
                if let Some(tag) = masked.tag(tok) {
                    out.push_str(&templates::address(tag, base).unwrap_or_default());
                }
            }
        }
    }
    out
}

/// A figure a template tag makes (Hugo's `figure`, Hexo's `asset_img`).
pub(super) fn figure(src: &str, alt: &str, caption: &str) -> String {
    let mut s = String::from("<span class=\"tpl-figure\"><img src=\"");
    let _ = pulldown_cmark_escape::escape_href(&mut s, src);
    s.push_str("\" alt=\"");
    let _ = escape_html(&mut s, alt);
    s.push_str("\">");
    if !caption.is_empty() {
        s.push_str("<span class=\"tpl-caption\">");
        let _ = escape_html(&mut s, caption);
        s.push_str("</span>");
    }
    s.push_str("</span>");
    s
}

/// A Mermaid block the app draws: the source kept for it, and shown as code until then.
pub(super) fn mermaid_block(c: &CodeBuf) -> String {
    let mut s = format!(
        "<div class=\"mermaid\" data-line=\"{}\" data-mermaid=\"",
        c.line
    );
    let _ = escape_html(&mut s, &c.text);
    s.push_str("\"><pre class=\"code\"><code>");
    let _ = escape_html(&mut s, &c.text);
    s.push_str("</code></pre></div>\n");
    s
}

/// Writes the text run collected for linkifying: its bare URLs as links. It is tried at its
/// start when that follows a line break, a space, `(`, `*`, `_`, `~` or another inline
/// element (whatever the source has before it that is not text).
pub(super) fn flush_text<'a>(
    pending: &mut Option<(String, usize, usize)>,
    md: &str,
    opt: &RenderOptions<'_>,
    heading: &mut Option<HeadingBuf<'a>>,
    out: &mut Vec<Event<'a>>,
) {
    let Some((t, start, end)) = pending.take() else {
        return;
    };
    // What the source has before the run is some inline element's syntax (text runs are
    // joined): a trigger after a line break, a space, an emphasis delimiter, `(`, a code
    // span, a link or raw HTML.
    let starts_open = matches!(
        md[..start].chars().next_back(),
        None | Some('\n' | ' ' | '(' | '*' | '_' | '~' | '`' | ']' | ')' | '>')
    );
    // goldmark reads the source (`&amp;` after a URL is an entity it leaves outside), the
    // text shows it decoded: links are found in the source and placed in the text.
    let source = md.get(start..end).unwrap_or_default();
    let found = linkify::find(
        source,
        starts_open,
        opt.typographer,
        opt.flavor.linkify_protocol,
    );
    let mut at = 0;
    for f in found {
        let label = linkify::decode(&source[f.range.clone()]);
        // Where the match is in the text: the decoded source before it, when that is how the
        // text reads; else the next place the label is written.
        let guess = linkify::decode(&source[..f.range.start]).len();
        let k = if guess >= at && t.get(guess..).is_some_and(|r| r.starts_with(&label)) {
            guess
        } else {
            match t.get(at..).and_then(|r| r.find(&label)) {
                Some(k) => at + k,
                None => continue,
            }
        };
        if k > at {
            route(heading, out, Event::Text(t[at..k].to_string().into()));
        }
        let mut open = String::from("<a href=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut open, &linkify::decode(&f.href));
        open.push_str("\">");
        route(heading, out, Event::InlineHtml(open.into()));
        route(heading, out, Event::Text(label.clone().into()));
        route(heading, out, Event::InlineHtml("</a>".into()));
        at = k + label.len();
    }
    if at < t.len() {
        route(heading, out, Event::Text(t[at..].to_string().into()));
    }
}

/// Sends an event to the heading being collected, or to the page.
pub(super) fn route<'a>(
    heading: &mut Option<HeadingBuf<'a>>,
    out: &mut Vec<Event<'a>>,
    event: Event<'a>,
) {
    match heading.as_mut() {
        Some(h) => {
            match &event {
                Event::Text(t) | Event::Code(t) if h.in_image == 0 => h.text.push_str(t),
                Event::Start(Tag::Image { .. }) => h.in_image += 1,
                Event::End(TagEnd::Image) => h.in_image = h.in_image.saturating_sub(1),
                _ => {}
            }
            h.events.push(event);
        }
        None => out.push(event),
    }
}

pub(super) fn raw_html_warning(warned: &mut bool, warnings: &mut Vec<Warning>, line: usize) {
    if !*warned {
        *warned = true;
        warnings.push(Warning {
            line,
            kind: WarningKind::RawHtml,
            message: "raw HTML is shown sanitized: scripts, event handlers and frames are removed"
                .into(),
        });
    }
}

pub(super) fn heading_open(h: &HeadingBuf<'_>, id: &str) -> String {
    let mut s = format!("<{}", h.level);
    // An empty id (kramdown's for a heading of symbols only) writes no attribute.
    if !id.is_empty() {
        s.push_str(" id=\"");
        let _ = escape_html(&mut s, id);
        s.push('"');
    }
    if !h.classes.is_empty() {
        s.push_str(" class=\"");
        let _ = escape_html(&mut s, &h.classes.join(" "));
        s.push('"');
    }
    s.push_str(&format!(" data-line=\"{}\">", h.line));
    s
}

/// The opening tags of a code block (its highlighted code and the closing tags follow), with a
/// warning when its language has no grammar.
pub(super) fn code_open(c: &CodeBuf, warnings: &mut Vec<Warning>) -> String {
    let mut s = format!("<pre class=\"code\" data-line=\"{}\"", c.line);
    if let Some(lang) = &c.lang {
        if !highlight::is_known(Some(lang)) {
            warnings.push(Warning {
                line: c.line,
                kind: WarningKind::UnknownLanguage,
                message: format!("no highlighting for language `{lang}`; shown as plain code"),
            });
        }
        s.push_str(" data-lang=\"");
        let _ = escape_html(&mut s, lang);
        s.push_str("\"><code class=\"language-");
        let _ = escape_html(&mut s, lang);
        s.push_str("\">");
    } else {
        s.push_str("><code>");
    }
    s
}

pub(super) fn is_remote(src: &str) -> bool {
    src.starts_with("//")
        || src.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// An image's address, resolved to a file of the blog when it names one. `verbatim`: the
/// generator writes the address into the page as it is (a template tag's image), not as its
/// Markdown renderer treats a Markdown image's.
pub(super) fn image<'a>(
    opt: &RenderOptions<'_>,
    dest: CowStr<'a>,
    verbatim: bool,
    line: usize,
    images: &mut Vec<ImageRef>,
    warnings: &mut Vec<Warning>,
) -> CowStr<'a> {
    let src = dest.to_string();
    let local = match opt.images {
        Some(resolver) if !is_remote(&src) && !src.is_empty() => {
            let found = if verbatim {
                resolver.resolve_verbatim(&src)
            } else {
                resolver.resolve(&src)
            };
            if found.is_none() {
                warnings.push(Warning {
                    line,
                    kind: WarningKind::MissingImage,
                    message: format!("image `{src}` is not a file in this blog"),
                });
            }
            found
        }
        _ => None,
    };
    let rewritten = match (&local, opt.image_base) {
        (Some(path), Some(base)) => Some(format!("{base}{}", percent_encode_path(path))),
        _ => None,
    };
    images.push(ImageRef { src, local, line });
    rewritten.map_or(dest, CowStr::from)
}

/// Percent-encodes a `/`-separated path for a URL, leaving unreserved characters and `/`.
fn percent_encode_path(path: &str) -> String {
    const KEPT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    utf8_percent_encode(path, KEPT).to_string()
}
