//! Footnotes as the generators render them: a reference shows its note's number (numbered by
//! first citation); the notes that are cited, and only those, go in one section at the end of
//! the page, each with one back-link per citation. goldmark (Hugo) and kramdown (Jekyll) agree
//! on that and differ in the markup, which the word counts see.

use std::collections::HashMap;

use pulldown_cmark::{Event, TagEnd};

/// A label as the parser matches it (case-insensitively): definitions and citations meet here.
pub(crate) fn key(label: &str) -> String {
    label.to_lowercase()
}

/// Whose footnote markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markup {
    /// goldmark's footnote extension (Hugo).
    Goldmark,
    /// kramdown (Jekyll).
    Kramdown,
}

/// The citations of a page, in order.
#[derive(Debug, Default)]
pub(crate) struct Citations {
    /// Labels by first citation: the note numbered `i + 1`.
    order: Vec<String>,
    /// Citations of each label so far.
    count: HashMap<String, usize>,
}

impl Citations {
    /// Records a citation of `label`: its note's number and which citation of it this is
    /// (0 for the first).
    pub(crate) fn cite(&mut self, label: &str) -> (usize, usize) {
        let label = &key(label);
        let n = match self.order.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.order.push(label.to_string());
                self.order.len()
            }
        };
        let k = self.count.entry(label.to_string()).or_insert(0);
        *k += 1;
        (n, *k - 1)
    }

    /// The cited labels in note order, with how often each was cited.
    pub(crate) fn notes(&self) -> impl Iterator<Item = (usize, &str, usize)> {
        self.order
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l.as_str(), self.count.get(l).copied().unwrap_or(0)))
    }
}

/// The id of citation `k` (from 0) of note `n` (labelled `label`), which its back-link names.
fn citation_id(markup: Markup, label: &str, n: usize, k: usize) -> String {
    match (markup, k) {
        (Markup::Goldmark, 0) => format!("fnref:{n}"),
        (Markup::Goldmark, k) => format!("fnref{k}:{n}"),
        (Markup::Kramdown, 0) => format!("fnref:{}", escape(label)),
        (Markup::Kramdown, k) => format!("fnref:{}:{k}", escape(label)),
    }
}

/// The reference's HTML: citation `k` (from 0) of note `n`, labelled `label` in the source.
pub(crate) fn reference(markup: Markup, label: &str, n: usize, k: usize) -> String {
    let id = citation_id(markup, label, n, k);
    match markup {
        Markup::Goldmark => format!(
            "<sup id=\"{id}\"><a href=\"#fn:{n}\" class=\"footnote-ref\" role=\"doc-noteref\">{n}</a></sup>"
        ),
        Markup::Kramdown => format!(
            "<sup id=\"{id}\" role=\"doc-noteref\"><a href=\"#fn:{}\" class=\"footnote\" rel=\"footnote\">{n}</a></sup>",
            escape(label)
        ),
    }
}

fn escape(s: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// The id of note `n`'s list item.
pub(crate) fn note_id(markup: Markup, label: &str, n: usize) -> String {
    match markup {
        Markup::Goldmark => format!("fn:{n}"),
        Markup::Kramdown => format!("fn:{}", escape(label)),
    }
}

/// The back-links of note `n`, cited `times` times, as written after its last paragraph.
pub(crate) fn back_links(markup: Markup, label: &str, n: usize, times: usize) -> String {
    (0..times.max(1))
        .map(|k| {
            let id = citation_id(markup, label, n, k);
            match markup {
                Markup::Goldmark => format!(
                    "&#160;<a href=\"#{id}\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a>"
                ),
                // kramdown writes its no-break space as the character (`entity_output: as_char`).
                Markup::Kramdown => {
                    let sup = if k == 0 { String::new() } else { format!("<sup>{}</sup>", k + 1) };
                    format!(
                        "\u{a0}<a href=\"#{id}\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;{sup}</a>"
                    )
                }
            }
        })
        .collect()
}

/// The text the word counters see of [`back_links`] (tags stripped, entities as written).
pub(crate) fn back_links_text(markup: Markup, times: usize) -> String {
    (0..times.max(1))
        .map(|k| match markup {
            Markup::Goldmark => "&#160;&#x21a9;&#xfe0e;".to_string(),
            Markup::Kramdown if k == 0 => "\u{a0}&#8617;".to_string(),
            Markup::Kramdown => format!("\u{a0}&#8617;{}", k + 1),
        })
        .collect()
}

pub(crate) const SECTION_OPEN: &str =
    "<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n";
pub(crate) const SECTION_CLOSE: &str = "</ol>\n</div>\n";

/// Takes each footnote definition out of its place and writes the cited ones, in citation
/// order and each with its back-links, in one section at the end (the first definition of a
/// label counts; one nobody cites is not shown).
pub(crate) fn move_to_end<'a>(
    out: &mut Vec<Event<'a>>,
    definitions: Vec<(String, std::ops::Range<usize>)>,
    citations: &Citations,
    markup: Markup,
) {
    if definitions.is_empty() {
        return;
    }
    let mut bodies: std::collections::HashMap<String, Vec<Event<'a>>> = Default::default();
    for (label, range) in definitions.into_iter().rev() {
        let body: Vec<Event<'a>> = out.drain(range).collect();
        // Walking back, a label's first definition is the last one kept.
        bodies.insert(label, body);
    }
    let mut section = Vec::new();
    for (n, label, times) in citations.notes() {
        let Some(mut body) = bodies.remove(label) else {
            continue;
        };
        let links = Event::InlineHtml(back_links(markup, label, n, times).into());
        match body.last() {
            Some(Event::End(TagEnd::Paragraph)) => body.insert(body.len() - 1, links),
            _ => body.push(links),
        }
        section.push(Event::Html(
            format!("<li id=\"{}\">\n", note_id(markup, label, n)).into(),
        ));
        section.extend(body);
        section.push(Event::Html("</li>\n".into()));
    }
    if section.is_empty() {
        return;
    }
    out.push(Event::Html(SECTION_OPEN.into()));
    out.extend(section);
    out.push(Event::Html(SECTION_CLOSE.into()));
}
