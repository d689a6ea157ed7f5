//! The units of the incremental preview: a top-level block (or the blocks raw HTML holds open
//! together), rendered with what the page needs of it (headings, images, words, warnings),
//! and the state of a rendered page.

use super::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fingerprint {
    pub(super) counting: Counting,
    pub(super) flavor: crate::Flavor,
    pub(super) cjk: bool,
    pub(super) typographer: bool,
    pub(super) raw_html_is_content: bool,
    pub(super) line_offset: usize,
    pub(super) images: bool,
    pub(super) image_base: Option<String>,
    pub(super) base_path: Option<String>,
}

impl Fingerprint {
    pub(super) fn of(o: &RenderOptions<'_>) -> Self {
        Fingerprint {
            counting: o.counting,
            flavor: o.flavor,
            cjk: o.cjk,
            typographer: o.typographer,
            raw_html_is_content: o.raw_html_is_content,
            line_offset: o.line_offset,
            images: o.images.is_some(),
            image_base: o.image_base.map(str::to_string),
            base_path: o.base_path.map(str::to_string),
        }
    }
}

/// A rendered unit; metadata lines are relative to `line`.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub(super) key: u32,
    /// Byte offset of its first line in the source.
    pub(super) start: usize,
    pub(super) line: usize,
    pub(super) raw: bool,
    pub(super) origin: usize,
    pub(super) html: String,
    pub(super) toc: Vec<TocEntry>,
    pub(super) heads: Vec<HeadingId>,
    pub(super) images: Vec<ImageRef>,
    pub(super) warnings: Vec<Warning>,
    pub(super) dividers: Vec<usize>,
    pub(super) words: usize,
    /// The typographer quotes open when its text begins and when it ends: its `words` are
    /// counted entering with `quotes_in` (see [`words::count_part`]).
    pub(super) quotes_in: Quotes,
    pub(super) quotes_out: Quotes,
}

impl Unit {
    /// Same DOM: the same HTML read the same way.
    pub(super) fn same_as(&self, other: &Unit) -> bool {
        self.raw == other.raw && self.origin == other.origin && self.html == other.html
    }

    pub(super) fn block(&self) -> Block {
        Block {
            key: self.key,
            line: self.line,
            origin: self.origin,
            html: self.html.clone(),
        }
    }
}

pub(super) struct State {
    pub(super) src: String,
    pub(super) fingerprint: Fingerprint,
    pub(super) units: Vec<Unit>,
    pub(super) refs: RefMap,
    /// The page could not be split into units: every edit renders it whole.
    pub(super) whole_only: bool,
    /// Words of the page. Units count their own words, except that a footnote reference
    /// counts as its number, which only the whole page knows: a page with footnotes is
    /// counted whole, and an edit then changes the total by what its units changed (edits
    /// touching a footnote render the page whole).
    pub(super) words: usize,
}

/// Renders `src[span]` (which starts a top-level block at source line `first_line`) into
/// units with key 0, counting words from the typographer `quotes` open before it (left as they
/// are after it). `None` when the blocks cannot be told apart in the HTML.
#[allow(clippy::too_many_arguments)]
pub(super) fn render_span(
    src: &str,
    span: std::ops::Range<usize>,
    first_line: usize,
    opt: &RenderOptions<'_>,
    refs: &RefMap,
    ids: &mut HeadingIds,
    defs_out: Option<&mut RefMap>,
    quotes: &mut Quotes,
) -> Option<Vec<Unit>> {
    let text = src.get(span.clone())?;
    let local = RenderOptions {
        counting: opt.counting,
        flavor: opt.flavor,
        cjk: opt.cjk,
        typographer: opt.typographer,
        raw_html_is_content: opt.raw_html_is_content,
        line_offset: first_line - 1,
        images: opt.images,
        image_base: opt.image_base,
        base_path: opt.base_path,
    };
    let ctx = Context {
        refs: Some(refs),
        ids,
        raw_warning_per_block: true,
        defs_out,
    };
    let (out, nets) = markdown::to_html_blocks_in(text, &local, ctx);
    let groups = sanitize::group_blocks(&nets);
    let spans = sanitize::group_spans(&out.html, &nets, &groups)?;
    let lines = markdown::LineIndex::new(text);
    let starts: Vec<usize> = groups
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            if gi == 0 {
                0
            } else {
                nets.get(g.blocks.start)
                    .map_or(0, |n| line_start(text, n.src_start.min(text.len())))
            }
        })
        .collect();
    let (mut toc, mut images, mut warnings) = (0, 0, 0);
    let mut units = Vec::with_capacity(groups.len());
    for (gi, (g, (hs, he))) in groups.iter().zip(spans).enumerate() {
        let start = starts[gi];
        let end = starts.get(gi + 1).copied().unwrap_or(text.len());
        let line = lines.line_of(start) + local.line_offset;
        let last = nets.get(g.blocks.end - 1)?;
        let rel = |l: usize| l.saturating_sub(line);
        let html = &out.html[hs..he];
        let (html, origin) = if g.raw {
            (sanitize::cached(html), line)
        } else {
            let base = i64::try_from(line).unwrap_or(i64::MAX);
            (sanitize::clean_relative(html, base), 0)
        };
        let blocks = &nets[g.blocks.clone()];
        let quotes_in = *quotes;
        let (words, quotes_out) =
            words::count_part(text.get(start..end)?, &local, Some(refs), quotes_in);
        *quotes = quotes_out;
        units.push(Unit {
            key: 0,
            start: span.start + start,
            line,
            raw: g.raw,
            origin,
            html,
            toc: out.toc[toc..last.toc_end]
                .iter()
                .map(|t| TocEntry {
                    line: rel(t.line),
                    ..t.clone()
                })
                .collect(),
            heads: blocks
                .iter()
                .flat_map(|b| b.heads.iter().cloned())
                .collect(),
            images: out.images[images..last.images_end]
                .iter()
                .map(|i| ImageRef {
                    line: rel(i.line),
                    ..i.clone()
                })
                .collect(),
            warnings: out.warnings[warnings..last.warnings_end]
                .iter()
                .map(|w| Warning {
                    line: rel(w.line),
                    ..w.clone()
                })
                .collect(),
            dividers: blocks
                .iter()
                .flat_map(|b| b.dividers.iter().map(|&d| rel(d)))
                .collect(),
            words,
            quotes_in,
            quotes_out,
        });
        (toc, images, warnings) = (last.toc_end, last.images_end, last.warnings_end);
    }
    Some(units)
}

/// Counts unit `k`'s words again (its text runs to the next unit's start), entering with the
/// typographer quotes `open`; gives the words it had. `None` when its text is not in `src`.
pub(super) fn recount(
    units: &mut [Unit],
    k: usize,
    src: &str,
    opt: &RenderOptions<'_>,
    refs: &RefMap,
    open: Quotes,
) -> Option<usize> {
    let end = units.get(k + 1).map_or(src.len(), |n| n.start);
    let text = src.get(units[k].start..end)?;
    let (words, out) = words::count_part(text, opt, Some(refs), open);
    let u = &mut units[k];
    let was = u.words;
    (u.words, u.quotes_in, u.quotes_out) = (words, open, out);
    Some(was)
}
