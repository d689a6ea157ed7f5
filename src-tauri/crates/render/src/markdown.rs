//! The event-stream transform: pulldown-cmark events in, unsanitized HTML plus metadata out.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use crate::headings::HeadingIds;
use crate::{
    Counting, ImageRef, RenderOptions, Rendered, TocEntry, Warning, WarningKind, highlight,
};

/// The parser configuration for a generator's Markdown flavour (GFM plus its extensions).
pub(crate) fn parser_options(counting: Counting) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    if counting != Counting::Plain {
        // Hugo (goldmark attribute) and Jekyll (kramdown IAL) both take `## Title {#id}`.
        o |= Options::ENABLE_HEADING_ATTRIBUTES;
    }
    if counting == Counting::Hugo {
        o |= Options::ENABLE_DEFINITION_LIST;
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
    text: String,
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

pub(crate) fn to_html(md: &str, opt: &RenderOptions<'_>) -> Rendered {
    let lines = LineIndex::new(md);
    let mut out: Vec<Event<'_>> = Vec::new();
    let mut toc = Vec::new();
    let mut images = Vec::new();
    let mut warnings = Vec::new();
    let mut divider = None;
    let mut ids = HeadingIds::default();
    let mut heading: Option<HeadingBuf<'_>> = None;
    let mut code: Option<CodeBuf> = None;
    let mut warned_raw = false;

    for (ev, range) in Parser::new_ext(md, parser_options(opt.counting)).into_offset_iter() {
        let line = lines.line_of(range.start) + opt.line_offset;
        if let Some(c) = code.as_mut() {
            match ev {
                Event::Text(t) => c.text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let c = code.take().unwrap_or_else(|| CodeBuf {
                        lang: None,
                        line,
                        text: String::new(),
                    });
                    out.push(Event::Html(code_block(c, &mut warnings).into()));
                }
                _ => {}
            }
            continue;
        }
        let event = match ev {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                heading = Some(HeadingBuf {
                    level,
                    id,
                    classes,
                    line,
                    text: String::new(),
                    events: Vec::new(),
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    let id = match &h.id {
                        Some(explicit) => ids.claim(explicit),
                        None => ids.auto(&h.text),
                    };
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
            Event::Start(Tag::Paragraph) => Event::Html(format!("<p data-line=\"{line}\">").into()),
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
                let dest_url = image(opt, dest_url, line, &mut images, &mut warnings);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Html(s) | Event::InlineHtml(s) if is_more_divider(&s) => {
                divider.get_or_insert(line);
                Event::Html(
                    format!("<div class=\"summary-divider\" data-line=\"{line}\"></div>\n").into(),
                )
            }
            Event::Html(s) => {
                raw_html_warning(&mut warned_raw, &mut warnings, line);
                Event::Html(s)
            }
            Event::InlineHtml(s) => {
                raw_html_warning(&mut warned_raw, &mut warnings, line);
                Event::InlineHtml(s)
            }
            other => other,
        };
        match heading.as_mut() {
            Some(h) => {
                if let Event::Text(t) | Event::Code(t) = &event {
                    h.text.push_str(t);
                }
                h.events.push(event);
            }
            None => out.push(event),
        }
    }

    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
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

fn raw_html_warning(warned: &mut bool, warnings: &mut Vec<Warning>, line: usize) {
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

fn heading_open(h: &HeadingBuf<'_>, id: &str) -> String {
    let mut s = format!("<{} id=\"", h.level);
    let _ = escape_html(&mut s, id);
    s.push('"');
    if !h.classes.is_empty() {
        s.push_str(" class=\"");
        let _ = escape_html(&mut s, &h.classes.join(" "));
        s.push('"');
    }
    s.push_str(&format!(" data-line=\"{}\">", h.line));
    s
}

fn code_block(c: CodeBuf, warnings: &mut Vec<Warning>) -> String {
    let block = highlight::code_block(c.lang.as_deref(), &c.text);
    let mut s = format!("<pre class=\"code\" data-line=\"{}\"", c.line);
    if let Some(lang) = &c.lang {
        if !block.known {
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
    s.push_str(&block.html);
    s.push_str("</code></pre>\n");
    s
}

fn is_remote(src: &str) -> bool {
    src.starts_with("//")
        || src.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

fn image<'a>(
    opt: &RenderOptions<'_>,
    dest: CowStr<'a>,
    line: usize,
    images: &mut Vec<ImageRef>,
    warnings: &mut Vec<Warning>,
) -> CowStr<'a> {
    let src = dest.to_string();
    let local = match opt.images {
        Some(resolver) if !is_remote(&src) && !src.is_empty() => {
            let found = resolver.resolve(&src);
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
pub(crate) fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
