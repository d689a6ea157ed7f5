//! The event-stream transform: pulldown-cmark events in, unsanitized HTML plus metadata out.

use std::borrow::Cow;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::headings::HeadingIds;
use crate::templates::{self, Piece, Shown};
use crate::{
    Counting, Flavor, HeadingIdStyle, RenderOptions, Rendered, TocEntry, Warning, WarningKind,
    highlight,
};
use crate::{footnotes, math};

mod write;
use write::{
    code_open, figure, flush_text, heading_open, image, mermaid_block, raw_html_warning, route,
    tag_address,
};

/// The parser configuration for a generator's Markdown flavour (CommonMark plus the
/// extensions its configuration turns on).
pub(crate) fn parser_options(flavor: &Flavor) -> Options {
    let mut o = Options::empty();
    for (on, option) in [
        (flavor.table, Options::ENABLE_TABLES),
        (flavor.strikethrough, Options::ENABLE_STRIKETHROUGH),
        (flavor.task_list, Options::ENABLE_TASKLISTS),
        (flavor.footnote, Options::ENABLE_FOOTNOTES),
        (
            flavor.heading_attributes,
            Options::ENABLE_HEADING_ATTRIBUTES,
        ),
        (flavor.definition_list, Options::ENABLE_DEFINITION_LIST),
        (flavor.math, Options::ENABLE_MATH),
    ] {
        if on {
            o |= option;
        }
    }
    o
}

/// Maps byte offsets to 1-based line numbers.
pub(crate) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex(starts)
    }
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset)
    }
}

struct HeadingBuf<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    line: usize,
    /// The heading's Markdown source (what Hugo makes its id from).
    source: String,
    /// Its text as rendered, image alt text left out (kramdown's and Hexo's id source).
    text: String,
    /// Inside an image (its alt text).
    in_image: usize,
    events: Vec<Event<'a>>,
}

struct CodeBuf {
    lang: Option<String>,
    line: usize,
    text: String,
}

/// True for Hugo's and Hexo's summary divider.
pub(crate) fn is_more_divider(html: &str) -> bool {
    html.trim().eq_ignore_ascii_case("<!--more-->")
}

fn fence_language(info: &str) -> Option<String> {
    let first = info
        .split(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .next()?;
    let lang = first.trim_start_matches('.').trim();
    (!lang.is_empty()).then(|| lang.to_string())
}

/// Marks the end of a top-level block in the event stream (never written). Markdown text
/// cannot produce it: the parser turns U+0000 into U+FFFD.
pub(crate) const BLOCK_MARK: &str = "\u{0}";

/// Reads the element tags of a block's raw HTML the way an HTML tokenizer would: names up to
/// whitespace, `/` or `>` (lowercased), attribute values in quotes skipped, comments and void
/// elements left out. Pushes `(name, is_end_tag)`; returns false when something stays open
/// past the block in a way that cannot be counted (a tag or comment without its end, an
/// unclosed quote, raw-text elements like `<script>` or `<textarea>` whose content is not
/// markup), and then the block is sanitized together with everything after it. Blocks are
/// only ever grouped more than needed, never less: the result equals one whole-page pass.
pub(crate) fn raw_tags(html: &str, out: &mut Vec<(String, bool)>) -> bool {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    const RAW_TEXT: &[&str] = &[
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    ];
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            match comment.find("-->") {
                Some(e) => rest = &comment[e + 3..],
                None => return false,
            }
            continue;
        }
        if rest.starts_with(['!', '?']) {
            match rest.find('>') {
                Some(e) => rest = &rest[e + 1..],
                None => return false,
            }
            continue;
        }
        let end_tag = rest.starts_with('/');
        let name_part = rest.strip_prefix('/').unwrap_or(rest);
        if !name_part.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_len = name_part
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(name_part.len());
        let name = name_part[..name_len].to_ascii_lowercase();
        // The attributes, up to the `>` that is not inside quotes.
        let mut attrs = &name_part[name_len..];
        loop {
            let Some(j) = attrs.find(['>', '"', '\'']) else {
                return false;
            };
            let c = attrs.as_bytes()[j];
            attrs = &attrs[j + 1..];
            if c == b'>' {
                break;
            }
            match attrs.find(c as char) {
                Some(k) => attrs = &attrs[k + 1..],
                None => return false,
            }
        }
        rest = attrs;
        if RAW_TEXT.contains(&name.as_str()) {
            return false;
        }
        if !VOID.contains(&name.as_str()) {
            // `<div/>` still opens a div in HTML: counted as open.
            out.push((name, end_tag));
        }
    }
    true
}

/// How a heading asked for its id: written out (`{#id}`) or derived from its text (the
/// source or the rendered text, whichever the generator uses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HeadingId {
    Explicit(String),
    /// The id its text asks for ([`HeadingIds::base`]), before duplicates are numbered.
    Auto(String),
}

impl HeadingId {
    /// The id this heading gets after the ids already handed out (`""`: none).
    pub(crate) fn assign(&self, ids: &mut HeadingIds) -> String {
        match self {
            HeadingId::Explicit(id) => ids.explicit(id),
            HeadingId::Auto(base) => ids.auto_from(base.clone()),
        }
    }
}

/// Per top-level block: where it starts in the source, what it holds of raw HTML, and where
/// its share of the page's metadata ends.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawHtml {
    pub(crate) present: bool,
    /// Its raw HTML, all of it (an HTML block arrives line by line).
    pub(crate) text: String,
    /// Byte offset in the page's HTML where the block ends.
    pub(crate) end: usize,
    /// Byte offset in the Markdown where the block starts (0 for the first block).
    pub(crate) src_start: usize,
    /// Lengths of the page's `toc`, `images` and `warnings` when the block ends.
    pub(crate) toc_end: usize,
    pub(crate) images_end: usize,
    pub(crate) warnings_end: usize,
    /// Source lines of its summary dividers.
    pub(crate) dividers: Vec<usize>,
    /// How each of its headings asked for an id, in order.
    pub(crate) heads: Vec<HeadingId>,
}

/// Link reference definitions of a page by normalized label: a part of the page parsed alone
/// still resolves `[text][label]` defined elsewhere.
pub(crate) type RefMap = std::collections::HashMap<String, (String, String)>;

/// A link label as CommonMark matches it: case-folded, inner white space collapsed.
pub(crate) fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What the transform is given besides the Markdown.
pub(crate) struct Context<'c> {
    /// Definitions from outside the text parsed.
    pub(crate) refs: Option<&'c RefMap>,
    /// Heading ids already handed out before the text parsed.
    pub(crate) ids: &'c mut HeadingIds,
    /// Warn about raw HTML once per block (the caller keeps the first), not once per text.
    pub(crate) raw_warning_per_block: bool,
    /// Filled with the text's own reference definitions.
    pub(crate) defs_out: Option<&'c mut RefMap>,
}

/// Writes the events as HTML; each [`BLOCK_MARK`] event is not written but records, in the
/// block's [`RawHtml::end`], where the HTML written so far ends. One writer for the page, so
/// footnote numbers and line breaks between blocks are exactly those of a single pass.
fn write_blocks(events: Vec<Event<'_>>, nets: &mut [RawHtml]) -> String {
    use std::cell::RefCell;
    use std::rc::Rc;

    struct Shared(Rc<RefCell<String>>);
    impl std::fmt::Write for Shared {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.borrow_mut().push_str(s);
            Ok(())
        }
    }
    let buf = Rc::new(RefCell::new(String::new()));
    let ends = Rc::new(RefCell::new(Vec::new()));
    let (b, e) = (Rc::clone(&buf), Rc::clone(&ends));
    let iter = events.into_iter().filter(move |ev| match ev {
        Event::Html(h) if h.as_ref() == BLOCK_MARK => {
            e.borrow_mut().push(b.borrow().len());
            false
        }
        _ => true,
    });
    let _ = pulldown_cmark::html::write_html_fmt(Shared(Rc::clone(&buf)), iter);
    let html = buf.take();
    for (n, end) in nets.iter_mut().zip(ends.borrow().iter()) {
        n.end = *end;
    }
    if let Some(last) = nets.last_mut() {
        last.end = html.len();
    }
    html
}

/// Like [`to_html`], with where each top-level block's HTML ends and what it holds of raw
/// HTML.
pub(crate) fn to_html_blocks(md: &str, opt: &RenderOptions<'_>) -> (Rendered, Vec<RawHtml>) {
    let mut ids = HeadingIds::new(opt.flavor.heading_ids);
    let ctx = Context {
        refs: None,
        ids: &mut ids,
        raw_warning_per_block: false,
        defs_out: None,
    };
    to_html_blocks_in(md, opt, ctx)
}

/// [`to_html_blocks`] for a part of a page, in the page's context.
pub(crate) fn to_html_blocks_in(
    md: &str,
    opt: &RenderOptions<'_>,
    ctx: Context<'_>,
) -> (Rendered, Vec<RawHtml>) {
    let mut nets = vec![RawHtml::default()];
    let out = transform(md, opt, Some(&mut nets), ctx);
    (out, nets)
}

pub(crate) fn to_html(md: &str, opt: &RenderOptions<'_>) -> Rendered {
    let mut ids = HeadingIds::new(opt.flavor.heading_ids);
    let ctx = Context {
        refs: None,
        ids: &mut ids,
        raw_warning_per_block: false,
        defs_out: None,
    };
    transform(md, opt, None, ctx)
}

/// Closes the metadata of the block that ends here.
fn close_block(n: &mut RawHtml, toc: usize, images: usize, warnings: usize) {
    n.toc_end = toc;
    n.images_end = images;
    n.warnings_end = warnings;
}

fn transform(
    written: &str,
    opt: &RenderOptions<'_>,
    mut blocks: Option<&mut Vec<RawHtml>>,
    ctx: Context<'_>,
) -> Rendered {
    // Template tags and `\(…\)` as tokens of the same length: offsets are the text's.
    let masked = templates::mask(written, &opt.flavor);
    let md: &str = &masked.text;
    let base = opt.base_path.unwrap_or("/");
    let lines = LineIndex::new(md);
    let mut noted_math = false;
    let mut noted_mermaid = false;
    let mut out: Vec<Event<'_>> = Vec::new();
    let mut toc = Vec::new();
    let mut images = Vec::new();
    let mut warnings = Vec::new();
    let mut divider = None;
    let ids = ctx.ids;
    let refs = ctx.refs;
    let mut heading: Option<HeadingBuf<'_>> = None;
    let mut code: Option<CodeBuf> = None;
    // Code blocks waiting for their highlighting: (index in `out`, opening tags, the code).
    let mut deferred: Vec<(usize, String, CodeBuf)> = Vec::new();
    let mut warned_raw = false;
    // Lines of the HTML block being read, while in one.
    let mut html_block_lines: Option<usize> = None;

    // Footnotes: citations numbered as met; each definition's events, by where they sit in
    // `out`, move to one section at the end once the page is done.
    let markup = match opt.counting {
        Counting::Jekyll => footnotes::Markup::Kramdown,
        _ => footnotes::Markup::Goldmark,
    };
    let mut citations = footnotes::Citations::default();
    let mut definition: Option<(String, usize)> = None;
    let mut definitions: Vec<(String, std::ops::Range<usize>)> = Vec::new();

    let mut in_link = 0usize;
    // Text waiting to be linkified: its text and source range.
    let mut pending: Option<(String, usize, usize)> = None;

    let mut depth = 0usize;
    let mut since_mark = false;
    let resolve = move |link: pulldown_cmark::BrokenLink<'_>| {
        let (url, title) = refs?.get(&normalize_label(&link.reference))?;
        Some((CowStr::from(url.clone()), CowStr::from(title.clone())))
    };
    let parser =
        Parser::new_with_broken_link_callback(md, parser_options(&opt.flavor), Some(resolve));
    if let Some(defs) = ctx.defs_out {
        for (label, def) in parser.reference_definitions().iter() {
            defs.entry(normalize_label(label)).or_insert_with(|| {
                (
                    def.dest.to_string(),
                    def.title.as_deref().unwrap_or_default().to_string(),
                )
            });
        }
    }
    for (ev, range) in parser.into_offset_iter() {
        if let Some(nets) = blocks.as_deref_mut() {
            if depth == 0 && since_mark {
                out.push(Event::Html(BLOCK_MARK.into()));
                if let Some(n) = nets.last_mut() {
                    close_block(n, toc.len(), images.len(), warnings.len());
                }
                nets.push(RawHtml {
                    src_start: range.start,
                    ..RawHtml::default()
                });
                if ctx.raw_warning_per_block {
                    warned_raw = false;
                }
            }
            since_mark = true;
            match &ev {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                Event::Html(h) | Event::InlineHtml(h) => {
                    if let Some(n) = nets.last_mut() {
                        n.present = true;
                        n.text.push_str(h);
                    }
                }
                _ => {}
            }
        }
        let line = lines.line_of(range.start) + opt.line_offset;
        if let Some(c) = code.as_mut() {
            match ev {
                Event::Text(t) => c.text.push_str(&masked.restore(&t)),
                Event::End(TagEnd::CodeBlock) => {
                    let mut c = code.take().unwrap_or_else(|| CodeBuf {
                        lang: None,
                        line,
                        text: String::new(),
                    });
                    // What the generator makes of its own escapes in code.
                    if let Cow::Owned(t) = templates::code_text(&c.text, opt.flavor.templates) {
                        c.text = t;
                    }
                    if c.lang.as_deref() == Some("mermaid") {
                        if opt.flavor.mermaid {
                            out.push(Event::Html(mermaid_block(&c).into()));
                            continue;
                        }
                        out.push(Event::Html(
                            math::note(
                                c.line,
                                "Mermaid: this site does not draw diagrams, so it shows this code as it is (add a render hook or the theme's Mermaid setting).",
                            )
                            .into(),
                        ));
                        if !std::mem::replace(&mut noted_mermaid, true) {
                            warnings.push(Warning {
                                line: c.line,
                                kind: WarningKind::Mermaid,
                                message:
                                    "this site does not draw Mermaid diagrams: they show as code"
                                        .into(),
                            });
                        }
                    }
                    // Highlighted after the loop, all at once (see `highlight::code_blocks`).
                    let open = code_open(&c, &mut warnings);
                    deferred.push((out.len(), open, c));
                    out.push(Event::Html(CowStr::Borrowed("")));
                }
                _ => {}
            }
            continue;
        }
        // Template tags: what they make, or a card naming them.
        if let Event::Text(t) = &ev
            && masked.touched(t)
        {
            flush_text(&mut pending, md, opt, &mut heading, &mut out);
            for piece in masked.split(t) {
                let event = match piece {
                    Piece::Text(s) => {
                        let s = masked.prose(s).into_owned();
                        if s.is_empty() {
                            continue;
                        }
                        Event::Text(s.into())
                    }
                    Piece::Token(tok) => match templates::show(masked.tag(tok), tok, base) {
                        Shown::Html(h) => Event::InlineHtml(h.into()),
                        Shown::Image { src, alt, caption } => {
                            let src =
                                image(opt, src.into(), true, line, &mut images, &mut warnings);
                            Event::InlineHtml(figure(&src, &alt, &caption).into())
                        }
                    },
                };
                route(&mut heading, &mut out, event);
            }
            continue;
        }
        // Bare URLs in prose (goldmark's Linkify), never inside a link or an image's text:
        // a run of text is collected whole first (the parser splits it at `_`, `(`, …).
        if let Event::Text(t) = &ev
            && opt.flavor.linkify
            && in_link == 0
        {
            match pending.as_mut() {
                Some((text, _, end)) if *end == range.start => {
                    text.push_str(t);
                    *end = range.end;
                }
                _ => {
                    flush_text(&mut pending, md, opt, &mut heading, &mut out);
                    pending = Some((t.to_string(), range.start, range.end));
                }
            }
            continue;
        }
        flush_text(&mut pending, md, opt, &mut heading, &mut out);
        match &ev {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::HtmlBlock) => html_block_lines = Some(0),
            Event::End(TagEnd::HtmlBlock) => html_block_lines = None,
            _ => {}
        }
        // `<!--more-->` is the summary divider when it stands alone: as the first line of an
        // HTML block it is the whole block (a comment ends on its line). A later line of a
        // block closes a comment opened above it (`<!--more--  …` … `<!--more-->`), and stays
        // that comment's end.
        let lone = match &ev {
            Event::Html(_) => {
                let first = html_block_lines.is_none_or(|n| n == 0);
                if let Some(n) = html_block_lines.as_mut() {
                    *n += 1;
                }
                first
            }
            _ => true,
        };
        let event = match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // `{id="x"}` names the id as `{#x}` does (goldmark's attribute syntax).
                let id = id.or_else(|| {
                    attrs
                        .iter()
                        .find(|(k, _)| k.as_ref() == "id")
                        .and_then(|(_, v)| v.as_ref())
                        .map(|v| {
                            let v = v.as_ref();
                            let unquoted = v
                                .strip_prefix('"')
                                .and_then(|v| v.strip_suffix('"'))
                                .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                                .unwrap_or(v);
                            CowStr::from(unquoted.to_string())
                        })
                });
                let hugo = matches!(
                    opt.flavor.heading_ids,
                    HeadingIdStyle::Github
                        | HeadingIdStyle::GithubAscii
                        | HeadingIdStyle::Blackfriday
                );
                heading = Some(HeadingBuf {
                    level,
                    id,
                    classes,
                    line,
                    source: if hugo {
                        crate::headings::source(
                            written,
                            range.clone(),
                            opt.flavor.heading_attributes,
                        )
                    } else {
                        String::new()
                    },
                    text: String::new(),
                    in_image: 0,
                    events: Vec::new(),
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    let asked = match &h.id {
                        Some(explicit) => HeadingId::Explicit(explicit.to_string()),
                        None => HeadingId::Auto(ids.base(match opt.flavor.heading_ids {
                            HeadingIdStyle::Kramdown | HeadingIdStyle::Hexo => &h.text,
                            _ => &h.source,
                        })),
                    };
                    let id = asked.assign(ids);
                    if let Some(n) = blocks.as_deref_mut().and_then(|b| b.last_mut()) {
                        n.heads.push(asked);
                    }
                    out.push(Event::Html(heading_open(&h, &id).into()));
                    out.extend(h.events);
                    out.push(Event::Html(format!("</{}>\n", h.level).into()));
                    toc.push(TocEntry {
                        level: h.level as u8,
                        id,
                        text: h.text.trim().to_string(),
                        line: h.line,
                    });
                }
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => fence_language(&info),
                    CodeBlockKind::Indented => None,
                };
                code = Some(CodeBuf {
                    lang,
                    line,
                    text: String::new(),
                });
                continue;
            }
            Event::Start(Tag::Paragraph) => {
                // `$$` math on a site that will not typeset it: shown as typed, with a note.
                if !opt.flavor.math
                    && md[range.clone()].starts_with("$$")
                    && md[range.clone()].trim_end().ends_with("$$")
                {
                    out.push(Event::Html(
                        math::note(
                            line,
                            "Math: this site does not typeset it, so it shows as typed (turn on its math support, e.g. Hugo's passthrough extension or the theme's math setting).",
                        )
                        .into(),
                    ));
                    if !std::mem::replace(&mut noted_math, true) {
                        warnings.push(Warning {
                            line,
                            kind: WarningKind::Math,
                            message: "this site does not typeset math: `$$` shows as typed".into(),
                        });
                    }
                }
                Event::Html(format!("<p data-line=\"{line}\">").into())
            }
            Event::InlineMath(tex) | Event::DisplayMath(tex) => {
                let display = md[range.clone()].starts_with("$$");
                let tex = masked.restore(&tex).into_owned();
                let (html, error) = math::html(&tex, display);
                if let Some(e) = error {
                    warnings.push(Warning {
                        line,
                        kind: WarningKind::Math,
                        message: format!("math the preview cannot read: {e}"),
                    });
                }
                Event::InlineHtml(html.into())
            }
            Event::Code(t) => {
                let written = masked.restore(&t);
                match templates::code_text(&written, opt.flavor.templates) {
                    Cow::Borrowed(_) if matches!(written, Cow::Borrowed(_)) => Event::Code(t),
                    shown => Event::Code(shown.into_owned().into()),
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if masked.touched(&dest_url) || masked.touched(&title) => Event::Start(Tag::Link {
                link_type,
                dest_url: tag_address(&masked, &dest_url, base).into(),
                title: masked.restore(&title).into_owned().into(),
                id,
            }),
            Event::Start(Tag::BlockQuote(_)) => {
                Event::Html(format!("\n<blockquote data-line=\"{line}\">\n").into())
            }
            Event::Start(Tag::Item) => Event::Html(format!("<li data-line=\"{line}\">").into()),
            Event::Start(Tag::Table(al)) => {
                out.push(Event::Html(
                    format!("<div class=\"table-wrap\" data-line=\"{line}\">\n").into(),
                ));
                Event::Start(Tag::Table(al))
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                Event::Html("</div>\n".into())
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = if masked.touched(&dest_url) {
                    tag_address(&masked, &dest_url, base).into()
                } else {
                    dest_url
                };
                let title = if masked.touched(&title) {
                    masked.restore(&title).into_owned().into()
                } else {
                    title
                };
                let dest_url = image(opt, dest_url, false, line, &mut images, &mut warnings);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Html(s) | Event::InlineHtml(s) if lone && is_more_divider(&s) => {
                divider.get_or_insert(line);
                if let Some(n) = blocks.as_deref_mut().and_then(|b| b.last_mut()) {
                    n.dividers.push(line);
                }
                Event::Html(
                    format!("<div class=\"summary-divider\" data-line=\"{line}\"></div>\n").into(),
                )
            }
            Event::Html(s) => {
                raw_html_warning(&mut warned_raw, &mut warnings, line);
                Event::Html(masked.restore(&s).into_owned().into())
            }
            Event::InlineHtml(s) => {
                raw_html_warning(&mut warned_raw, &mut warnings, line);
                Event::InlineHtml(masked.restore(&s).into_owned().into())
            }
            Event::FootnoteReference(label) => {
                let (n, k) = citations.cite(&label);
                Event::InlineHtml(
                    footnotes::reference(markup, &footnotes::key(&label), n, k).into(),
                )
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                definition = Some((footnotes::key(&label), out.len()));
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, start)) = definition.take() {
                    definitions.push((label, start..out.len()));
                }
                continue;
            }
            other => other,
        };
        route(&mut heading, &mut out, event);
    }

    flush_text(&mut pending, md, opt, &mut heading, &mut out);
    let jobs: Vec<(Option<&str>, &str)> = deferred
        .iter()
        .map(|(_, _, c)| (c.lang.as_deref(), c.text.as_str()))
        .collect();
    let bodies = highlight::code_blocks(&jobs);
    for ((at, mut html, _), body) in deferred.into_iter().zip(bodies) {
        html.push_str(&body.html);
        html.push_str("</code></pre>\n");
        out[at] = Event::Html(html.into());
    }
    footnotes::move_to_end(&mut out, definitions, &citations, markup);

    let html = if let Some(nets) = blocks {
        if let Some(n) = nets.last_mut() {
            close_block(n, toc.len(), images.len(), warnings.len());
        }
        write_blocks(out, nets)
    } else {
        let mut html = String::with_capacity(md.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        html
    };
    Rendered {
        html,
        toc,
        words: 0,
        reading_minutes: 0,
        images,
        summary_divider_line: divider,
        warnings,
    }
}
