//! Word counts, reading time and automatic summaries exactly as the site generators compute
//! them.
//!
//! Hugo (0.111–0.15x, the released rules): the text of the rendered page (code included,
//! tags stripped, entities left as written), split on white space. In CJK mode an all-ASCII
//! token counts 1 and any other token counts its characters; reading time is
//! `(words + 500) / 501` minutes in CJK mode, `(words + 212) / 213` otherwise. Because Hugo
//! counts the *HTML* text, its typographer's entities (`&ldquo;` for `"`) count too.
//!
//! Jekyll has no built-in count; we use its `number_of_words` filter in `"auto"` mode on the
//! stripped content (CJK characters plus runs of other non-space characters) and 200 words a
//! minute, rounded up. Hexo follows `hexo-word-counter`: the same count, 275 words a minute.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;
use serde::Serialize;

use crate::RenderOptions;
use crate::markdown::{is_more_divider, parser_options};
use crate::templates::{self, Piece};
use crate::typographer::Quotes;

/// Whose rules count words, and whose Markdown flavour renders.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Counting {
    #[default]
    Hugo,
    Jekyll,
    Hexo,
    /// Plain CommonMark + GFM, Hugo's counting rules.
    Plain,
}

/// Words and reading time of a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WordStats {
    pub words: usize,
    pub reading_minutes: usize,
}

static CJK: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana}").ok());

/// Whether `text` holds Han, Hangul, Hiragana or Katakana (Hugo's test for CJK mode).
pub fn has_cjk(text: &str) -> bool {
    CJK.as_ref().is_some_and(|re| re.is_match(text))
}

fn is_cjk_char(c: char) -> bool {
    let mut buf = [0u8; 4];
    has_cjk(c.encode_utf8(&mut buf))
}

/// Counts words and reading time of a Markdown body under `options`.
pub fn stats(markdown: &str, options: &RenderOptions<'_>) -> WordStats {
    let markdown = &crate::line_feeds(markdown);
    let words = count(markdown, options, None);
    WordStats {
        words,
        reading_minutes: reading_minutes(words, options),
    }
}

/// Words of a Markdown text under `options`; `refs` resolves links defined outside it.
pub(crate) fn count(
    markdown: &str,
    options: &RenderOptions<'_>,
    refs: Option<&crate::markdown::RefMap>,
) -> usize {
    count_part(markdown, options, refs, Quotes::default()).0
}

/// Like [`count`] for a part of a page that the typographer enters with the quotes `open`
/// (its counters run across the page, so a quote left open earlier decides quotes here);
/// gives the quotes left open after it too. A page's count is the sum of its parts' counted
/// in order, each entered with what the one before left open.
pub(crate) fn count_part(
    markdown: &str,
    options: &RenderOptions<'_>,
    refs: Option<&crate::markdown::RefMap>,
    open: Quotes,
) -> (usize, Quotes) {
    match options.counting {
        Counting::Hugo | Counting::Plain => {
            let (text, quotes) = plain_text_in(markdown, options, true, refs, open);
            (hugo_words(&text, options.cjk), quotes)
        }
        Counting::Jekyll | Counting::Hexo => {
            let (text, quotes) = plain_text_in(markdown, options, false, refs, open);
            (auto_words(&text), quotes)
        }
    }
}

/// Reading time in minutes for `words` under the generator's rules.
pub fn reading_minutes(words: usize, options: &RenderOptions<'_>) -> usize {
    match options.counting {
        Counting::Hugo | Counting::Plain => hugo_reading_minutes(words, options.cjk),
        Counting::Jekyll => words.div_ceil(200).max(1),
        Counting::Hexo => words.div_ceil(275).max(1),
    }
}

/// Hugo's `.WordCount` of a page's plain text.
pub fn hugo_words(plain: &str, cjk: bool) -> usize {
    if cjk {
        plain
            .split_whitespace()
            .map(|w| if w.is_ascii() { 1 } else { w.chars().count() })
            .sum()
    } else {
        plain.split_whitespace().count()
    }
}

/// Hugo's `.ReadingTime` in minutes.
pub fn hugo_reading_minutes(words: usize, cjk: bool) -> usize {
    // Hugo: `(words + 500) / 501` in CJK mode, `(words + 212) / 213` otherwise.
    if cjk {
        words.div_ceil(501)
    } else {
        words.div_ceil(213)
    }
}

/// Jekyll's `number_of_words: "auto"` (Ruby splits on ASCII white space only).
pub fn auto_words(text: &str) -> usize {
    let cjk = text.chars().filter(|&c| is_cjk_char(c)).count();
    let is_space = |c: char| c.is_ascii_whitespace() || c == '\0';
    if cjk == 0 {
        return text.split(is_space).filter(|w| !w.is_empty()).count();
    }
    let runs = text
        .split(|c: char| is_space(c) || is_cjk_char(c))
        .filter(|w| !w.is_empty())
        .count();
    cjk + runs
}

/// Hugo's automatic summary of a non-CJK page: whole sentences up to `length` words.
pub fn summary_by_sentence(plain: &str, length: usize) -> (String, bool) {
    let mut count = 0;
    let mut last = None;
    for (i, c) in plain.char_indices() {
        if c.is_whitespace() {
            count += 1;
            last = Some(i);
            if count >= length {
                break;
            }
        }
    }
    let Some(last) = last else {
        return (plain.to_string(), false);
    };
    let end = plain[last..]
        .char_indices()
        .find(|&(_, c)| matches!(c, '.' | '?' | '!' | '"' | '\n'))
        .map(|(j, c)| last + j + c.len_utf8());
    match end {
        Some(end) => (plain[..end].trim().to_string(), end < plain.len()),
        None => (plain.to_string(), false),
    }
}

/// Hugo's automatic summary of a CJK page: `length` words, CJK characters counted singly.
pub fn summary_by_rune(plain: &str, length: usize) -> (String, bool) {
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut count = 0;
    for (index, word) in words.iter().enumerate() {
        if count >= length {
            return (words[..index].join(" "), true);
        }
        let runes = word.chars().count();
        if word.is_ascii() {
            count += 1;
        } else if count + runes < length {
            count += runes;
        } else {
            for (ri, _) in word.char_indices() {
                if count >= length {
                    let mut out = words[..index].join(" ");
                    if index > 0 {
                        out.push(' ');
                    }
                    out.push_str(&word[..ri]);
                    return (out, true);
                }
                count += 1;
            }
        }
    }
    (words.join(" "), false)
}

/// Accumulates the page text the way `StripHTML` sees the generator's HTML.
struct Plain<'o> {
    out: String,
    /// Emit text as the generator's HTML has it (entities), for counting.
    as_html: bool,
    opt: &'o RenderOptions<'o>,
    /// The typographer's open quotes, for the whole page.
    quotes: Quotes,
    /// Where the text of the block being read ends in the source (trailing space excluded):
    /// the typographer's last line has no line break.
    block_end: usize,
    /// Source written already by a typographer replacement that reached past its text
    /// (`<<` split over two text runs).
    consumed_to: usize,
    /// A source position and the end of its line (with the line break).
    eol_cache: (usize, usize),
}

impl Plain<'_> {
    fn space(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with(char::is_whitespace) {
            self.out.push(' ');
        }
    }
    fn newline(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }
    fn escaped(&mut self, text: &str, quote: &str, apostrophe: bool) {
        if !self.as_html {
            self.out.push_str(text);
            return;
        }
        for c in text.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '"' => self.out.push_str(quote),
                '\'' if apostrophe => self.out.push_str("&#39;"),
                c => self.out.push(c),
            }
        }
    }
    fn text(&mut self, text: &str, markdown: &str, range: std::ops::Range<usize>) {
        let source = markdown.get(range.clone()).unwrap_or_default();
        if self.as_html && text != source && source.starts_with('&') && source.ends_with(';') {
            // Entity references stay as written in the generator's HTML.
            self.out.push_str(source);
            return;
        }
        if !(self.as_html && self.opt.typographer && text == source) {
            self.escaped(text, "&quot;", false);
            return;
        }
        // Hugo's typographer, judged on the source like goldmark does.
        let mut i = 0;
        while i < text.len() {
            let at = range.start + i;
            if at < self.consumed_to {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            // Only quotes, dashes, dots and angle brackets can change; the rest is copied.
            if !matches!(text.as_bytes()[i], b'"' | b'\'' | b'-' | b'.' | b'<' | b'>') {
                let c = text[i..].chars().next().unwrap_or(' ');
                let mut buf = [0u8; 4];
                self.escaped(c.encode_utf8(&mut buf), "&quot;", false);
                i += c.len_utf8();
                continue;
            }
            // The line's end, found once per line (a 1 MB line is read once, not per quote).
            if !(self.eol_cache.0..self.eol_cache.1).contains(&at) {
                let eol = markdown[at..]
                    .find('\n')
                    .map_or(markdown.len(), |n| at + n + 1);
                self.eol_cache = (at, eol);
            }
            let eol = self.eol_cache.1;
            // The block's last line ends where its text does (a stale end from an earlier
            // block does not count).
            let end = if self.block_end > at {
                eol.min(self.block_end)
            } else {
                eol
            };
            let line = markdown.get(at..end).unwrap_or_default();
            let before = markdown[..at].chars().next_back().unwrap_or('\n');
            match crate::typographer::at(line, before, &mut self.quotes) {
                Some((entity, n)) => {
                    self.out.push_str(entity);
                    i += n;
                    self.consumed_to = at + n;
                }
                None => {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    let mut buf = [0u8; 4];
                    self.escaped(c.encode_utf8(&mut buf), "&quot;", false);
                    i += c.len_utf8();
                }
            }
        }
    }
    fn raw_html(&mut self, html: &str) {
        if !self.opt.raw_html_is_content || is_more_divider(html) {
            return;
        }
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                '\n' if !in_tag => self.out.push(' '),
                c if !in_tag => self.out.push(c),
                _ => {}
            }
        }
    }
}

/// The text of the rendered post as the generator's word counter sees it: block boundaries as
/// white space, inline markup glued, image alt text and omitted raw HTML left out. With
/// `as_html`, characters appear as the generator's HTML writes them (`&quot;`, `&ldquo;`).
pub fn plain_text(markdown: &str, options: &RenderOptions<'_>, as_html: bool) -> String {
    let markdown = &crate::line_feeds(markdown);
    plain_text_in(markdown, options, as_html, None, Quotes::default()).0
}

fn plain_text_in(
    markdown: &str,
    options: &RenderOptions<'_>,
    as_html: bool,
    refs: Option<&crate::markdown::RefMap>,
    open: Quotes,
) -> (String, Quotes) {
    let parser_opts = parser_options(&options.flavor);
    // Template tags are read as the site reads them: before the Markdown, each a token of its
    // own length (`[a]({{< ref "b.md" >}})` is a link), counted as the text it makes.
    let masked = templates::mask(markdown, &options.flavor);
    let markdown: &str = &masked.text;
    let base = options.base_path.unwrap_or("/");
    let mut p = Plain {
        out: String::with_capacity(markdown.len()),
        as_html,
        opt: options,
        quotes: open,
        block_end: markdown.len(),
        consumed_to: 0,
        eol_cache: (0, 0),
    };
    let mut in_code = false;
    let mut in_image = 0usize;
    let markup = match options.counting {
        Counting::Jekyll => crate::footnotes::Markup::Kramdown,
        _ => crate::footnotes::Markup::Goldmark,
    };
    let mut citations = crate::footnotes::Citations::default();
    // The text of each footnote, written at the end of the page once it is known which are
    // cited (the page's text goes aside meanwhile).
    let mut notes: std::collections::HashMap<String, (String, bool)> = Default::default();
    // Whether the last block ended was a paragraph (a note's back-links go inside it).
    let mut after_paragraph = false;
    let mut aside: Option<(String, String)> = None;
    let resolve = move |link: pulldown_cmark::BrokenLink<'_>| {
        let (url, title) = refs?.get(&crate::markdown::normalize_label(&link.reference))?;
        Some((
            pulldown_cmark::CowStr::from(url.clone()),
            pulldown_cmark::CowStr::from(title.clone()),
        ))
    };
    let parser = Parser::new_with_broken_link_callback(markdown, parser_opts, Some(resolve));
    for (event, range) in parser.into_offset_iter() {
        if !matches!(event, Event::End(TagEnd::FootnoteDefinition)) {
            after_paragraph = matches!(event, Event::End(TagEnd::Paragraph));
        }
        if let Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::Item) =
            &event
        {
            let block = markdown.get(range.clone()).unwrap_or_default();
            p.block_end = range.start + block.trim_end().len();
        }
        match event {
            Event::Text(t) if in_image > 0 => drop(t),
            Event::Text(t) if in_code => p.escaped(&masked.restore(&t), "&#34;", true),
            Event::Text(t) if masked.touched(&t) => {
                for piece in masked.split(&t) {
                    match piece {
                        Piece::Text(s) => p.escaped(&masked.prose(s), "&quot;", false),
                        Piece::Token(tok) => {
                            p.escaped(&templates::text_of(masked.tag(tok), base), "&quot;", false)
                        }
                    }
                }
            }
            Event::Text(t) => p.text(&t, markdown, range),
            Event::Code(t) => p.escaped(&masked.restore(&t), "&quot;", false),
            Event::SoftBreak => p.space(),
            Event::HardBreak => p.newline(),
            Event::Html(h) | Event::InlineHtml(h) => p.raw_html(&masked.restore(&h)),
            Event::FootnoteReference(label) => {
                let (n, _) = citations.cite(&label);
                p.out.push_str(&n.to_string());
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let page = std::mem::take(&mut p.out);
                aside = Some((crate::footnotes::key(&label), page));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, page)) = aside.take() {
                    let note = std::mem::replace(&mut p.out, page);
                    notes.entry(label).or_insert((note, after_paragraph));
                }
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                p.space();
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                p.space();
            }
            Event::End(TagEnd::Paragraph) => p.newline(),
            Event::Start(Tag::Link { .. } | Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(
                TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough,
            ) => {}
            Event::Start(_) | Event::End(_) | Event::TaskListMarker(_) | Event::Rule => p.space(),
            _ => {}
        }
    }
    // The section of cited notes, each with its back-links inside its last paragraph (the
    // generators' HTML has them as text: entities as written).
    let with_links = as_html || markup == crate::footnotes::Markup::Kramdown;
    for (_, label, times) in citations.notes() {
        let Some((note, in_paragraph)) = notes.get(label) else {
            continue;
        };
        p.newline();
        p.out.push_str(note.trim_end());
        // After a list or code block the back-links stand apart (a paragraph of their own).
        if !in_paragraph {
            p.newline();
        }
        if with_links {
            p.out
                .push_str(&crate::footnotes::back_links_text(markup, times));
        }
        p.newline();
    }
    (p.out, p.quotes)
}
