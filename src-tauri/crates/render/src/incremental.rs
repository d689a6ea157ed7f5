//! The live preview, incrementally: the page is a list of keyed units (a top-level block, or
//! the blocks that raw HTML holds open together), and an edit re-parses and re-renders only
//! the units around it. The result is a patch for the preview's DOM, and [`Incremental::page`]
//! equals [`crate::render_whole`] of the same text, byte for byte (tested on every post and
//! fixture after random edits).
//!
//! What an edit can change beyond its own blocks is checked rather than assumed: the parse
//! of the re-rendered window must end on the same block boundary as before, heading ids of
//! later headings must stay the same, and raw-HTML units that moved are re-rendered with
//! their new line numbers. Footnotes and link reference definitions in the edited text, and
//! any failed check, fall back to rendering the whole page (still block-cached).

use serde::Serialize;

use crate::headings::HeadingIds;
use crate::markdown::{self, Context, HeadingId, RefMap};
use crate::sanitize;
use crate::words::{self, Counting};
use crate::{ImageRef, RenderOptions, Rendered, TocEntry, Warning, WarningKind};

/// One unit of the preview as the DOM receives it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Block {
    /// Stays the same while the unit's HTML does.
    pub key: u32,
    /// Source line where the unit starts (1-based, front matter included).
    pub line: usize,
    /// Every `data-line` in `html` reads `source line - line + origin`: 0 when the lines are
    /// relative to the unit, the unit's line when they are absolute (units with raw HTML,
    /// whose own attributes are never rewritten).
    pub origin: usize,
    /// Sanitized HTML.
    pub html: String,
}

/// A unit re-rendered in place (raw HTML whose line numbers moved).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Replaced {
    pub index: usize,
    pub block: Block,
}

/// How the preview changes from one version to the next, and the page's numbers.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Update {
    /// The version after this update.
    pub version: u32,
    /// The version this patch applies to; 0 means start from an empty preview.
    pub base_version: u32,
    /// Remove `remove` units at `from` and insert `insert` there.
    pub from: usize,
    pub remove: usize,
    pub insert: Vec<Block>,
    /// Added to the line of every unit after the inserted ones.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub line_delta: i64,
    /// Then these units are replaced (by index in the new list).
    pub replace: Vec<Replaced>,
    pub toc: Vec<TocEntry>,
    pub words: usize,
    pub reading_minutes: usize,
    pub images: Vec<ImageRef>,
    pub summary_divider_line: Option<usize>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    counting: Counting,
    flavor: crate::Flavor,
    cjk: bool,
    typographer: bool,
    raw_html_is_content: bool,
    line_offset: usize,
    images: bool,
    image_base: Option<String>,
    base_path: Option<String>,
}

impl Fingerprint {
    fn of(o: &RenderOptions<'_>) -> Self {
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
struct Unit {
    key: u32,
    /// Byte offset of its first line in the source.
    start: usize,
    line: usize,
    raw: bool,
    origin: usize,
    html: String,
    toc: Vec<TocEntry>,
    heads: Vec<HeadingId>,
    images: Vec<ImageRef>,
    warnings: Vec<Warning>,
    dividers: Vec<usize>,
    words: usize,
    /// Its text leaves no typographer quote open (see [`words::count_part`]).
    quotes_closed: bool,
}

impl Unit {
    /// Same DOM: the same HTML read the same way.
    fn same_as(&self, other: &Unit) -> bool {
        self.raw == other.raw && self.origin == other.origin && self.html == other.html
    }

    fn block(&self) -> Block {
        Block {
            key: self.key,
            line: self.line,
            origin: self.origin,
            html: self.html.clone(),
        }
    }
}

struct State {
    src: String,
    fingerprint: Fingerprint,
    units: Vec<Unit>,
    refs: RefMap,
    /// The page could not be split into units: every edit renders it whole.
    whole_only: bool,
    /// Words of the page. Units count their own words, except that a footnote reference
    /// counts as its number, which only the whole page knows: a page with footnotes is
    /// counted whole, and an edit then changes the total by what its units changed (edits
    /// touching a footnote render the page whole).
    words: usize,
}

/// What a windowed update produced.
struct Windowed {
    state: State,
    from: usize,
    remove: usize,
    insert: Vec<Block>,
    line_delta: i64,
    replace: Vec<Replaced>,
}

/// Whether a line may hold a link reference definition: `[label]:` after nothing but
/// indentation, block quote and list markers.
fn may_define_link(line: &str) -> bool {
    line.find("]:").is_some_and(|at| {
        line[..at].find('[').is_some_and(|open| {
            line[..open]
                .chars()
                .all(|c| c.is_whitespace() || ">-*+.)".contains(c) || c.is_ascii_digit())
        })
    })
}

/// Length of the common prefix of two byte strings (compared in chunks).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 256;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// Length of the common suffix of two byte strings, at most `limit`.
fn common_suffix(a: &[u8], b: &[u8], limit: usize) -> usize {
    const CHUNK: usize = 256;
    let (la, lb) = (a.len(), b.len());
    let mut i = 0;
    while i + CHUNK <= limit && a[la - i - CHUNK..la - i] == b[lb - i - CHUNK..lb - i] {
        i += CHUNK;
    }
    while i < limit && a[la - i - 1] == b[lb - i - 1] {
        i += 1;
    }
    i
}

/// The incremental renderer of one open post.
#[derive(Default)]
pub struct Incremental {
    state: Option<State>,
    version: u32,
    next_key: u32,
    /// How the last update was made, for tests and benchmarks.
    last_whole: bool,
}

fn shifted(line: usize, delta: i64) -> usize {
    usize::try_from(i64::try_from(line).unwrap_or(i64::MAX) + delta).unwrap_or(0)
}

fn newlines(s: &str) -> i64 {
    i64::try_from(s.bytes().filter(|&b| b == b'\n').count()).unwrap_or(i64::MAX)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Renders `src[span]` (which starts a top-level block at source line `first_line`) into
/// units with key 0. `None` when the blocks cannot be told apart in the HTML.
fn render_span(
    src: &str,
    span: std::ops::Range<usize>,
    first_line: usize,
    opt: &RenderOptions<'_>,
    refs: &RefMap,
    ids: &mut HeadingIds,
    defs_out: Option<&mut RefMap>,
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
        let (words, quotes_closed) = words::count_part(text.get(start..end)?, &local, Some(refs));
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
            quotes_closed,
        });
        (toc, images, warnings) = (last.toc_end, last.images_end, last.warnings_end);
    }
    Some(units)
}

impl Incremental {
    pub fn new() -> Self {
        Self::default()
    }

    /// The current version (0 before the first update).
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Whether the last update rendered the whole page (a fallback) rather than a window.
    pub fn last_was_whole(&self) -> bool {
        self.last_whole
    }

    fn key(&mut self) -> u32 {
        self.next_key = self.next_key.wrapping_add(1).max(1);
        self.next_key
    }

    /// Renders `markdown` (a post body) and returns the patch from the previous version.
    pub fn update(&mut self, markdown: &str, options: &RenderOptions<'_>) -> Update {
        let fingerprint = Fingerprint::of(options);
        let previous = self.state.take();
        let base_version = self.version;
        self.version = self.version.wrapping_add(1).max(1);
        let Some(old) = previous.filter(|s| s.fingerprint == fingerprint) else {
            return self.rebuild(markdown, options, fingerprint, None, 0);
        };
        if old.src == markdown {
            let mut patch = self.finish(old, 0, 0, Vec::new(), 0, Vec::new(), options);
            patch.base_version = base_version;
            return patch;
        }
        match self.window(old, markdown, options, fingerprint.clone()) {
            Ok(w) => {
                self.last_whole = false;
                let mut patch = self.finish(
                    w.state,
                    w.from,
                    w.remove,
                    w.insert,
                    w.line_delta,
                    w.replace,
                    options,
                );
                patch.base_version = base_version;
                patch
            }
            Err(old) => self.rebuild(markdown, options, fingerprint, Some(*old), base_version),
        }
    }

    /// The whole preview as a patch from an empty one.
    pub fn snapshot(&self, options: &RenderOptions<'_>) -> Option<Update> {
        let state = self.state.as_ref()?;
        let mut patch = Self::numbers(state, options);
        patch.version = self.version;
        patch.insert = state.units.iter().map(Unit::block).collect();
        Some(patch)
    }

    /// The whole page with absolute line numbers, as [`crate::render_whole`] gives it.
    pub fn page(&self, options: &RenderOptions<'_>) -> Option<Rendered> {
        let state = self.state.as_ref()?;
        let n = Self::numbers(state, options);
        let mut html = String::with_capacity(state.units.iter().map(|u| u.html.len()).sum());
        for u in &state.units {
            if u.raw {
                html.push_str(&u.html);
            } else {
                html.push_str(&sanitize::shift_lines(
                    &u.html,
                    i64::try_from(u.line).unwrap_or(i64::MAX),
                ));
            }
        }
        Some(Rendered {
            html,
            toc: n.toc,
            words: n.words,
            reading_minutes: n.reading_minutes,
            images: n.images,
            summary_divider_line: n.summary_divider_line,
            warnings: n.warnings,
        })
    }

    /// The page's numbers from its units; the patch fields empty.
    fn numbers(state: &State, options: &RenderOptions<'_>) -> Update {
        let mut toc = Vec::new();
        let mut images = Vec::new();
        let mut warnings = Vec::new();
        let mut divider = None;
        let mut warned_raw = false;
        for u in &state.units {
            let abs = |l: usize| l + u.line;
            toc.extend(u.toc.iter().map(|t| TocEntry {
                line: abs(t.line),
                ..t.clone()
            }));
            images.extend(u.images.iter().map(|i| ImageRef {
                line: abs(i.line),
                ..i.clone()
            }));
            for w in &u.warnings {
                if w.kind == WarningKind::RawHtml {
                    if warned_raw {
                        continue;
                    }
                    warned_raw = true;
                }
                warnings.push(Warning {
                    line: abs(w.line),
                    ..w.clone()
                });
            }
            if divider.is_none() {
                divider = u.dividers.first().map(|&d| abs(d));
            }
        }
        let words = state.words;
        Update {
            version: 0,
            base_version: 0,
            from: 0,
            remove: 0,
            insert: Vec::new(),
            line_delta: 0,
            replace: Vec::new(),
            toc,
            words,
            reading_minutes: words::reading_minutes(words, options),
            images,
            summary_divider_line: divider,
            warnings,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        state: State,
        from: usize,
        remove: usize,
        insert: Vec<Block>,
        line_delta: i64,
        replace: Vec<Replaced>,
        options: &RenderOptions<'_>,
    ) -> Update {
        let mut patch = Self::numbers(&state, options);
        patch.version = self.version;
        patch.from = from;
        patch.remove = remove;
        patch.insert = insert;
        patch.line_delta = line_delta;
        patch.replace = replace;
        self.state = Some(state);
        patch
    }

    /// Renders the whole page, keeping the keys of the units at both ends that did not change.
    fn rebuild(
        &mut self,
        src: &str,
        options: &RenderOptions<'_>,
        fingerprint: Fingerprint,
        old: Option<State>,
        base_version: u32,
    ) -> Update {
        self.last_whole = true;
        let mut refs = RefMap::new();
        let mut ids = HeadingIds::new(options.flavor.heading_ids);
        let empty = RefMap::new();
        let mut whole_only = false;
        let first = 1 + options.line_offset;
        let mut units = render_span(
            src,
            0..src.len(),
            first,
            options,
            &empty,
            &mut ids,
            Some(&mut refs),
        )
        .unwrap_or_else(|| {
            // The blocks could not be told apart: the page as one unit.
            whole_only = true;
            let whole = crate::render_whole(src, options);
            vec![Unit {
                key: 0,
                start: 0,
                line: first,
                raw: true,
                origin: first,
                html: whole.html,
                toc: whole
                    .toc
                    .into_iter()
                    .map(|t| TocEntry {
                        line: t.line - first,
                        ..t
                    })
                    .collect(),
                heads: Vec::new(),
                images: whole
                    .images
                    .into_iter()
                    .map(|i| ImageRef {
                        line: i.line - first,
                        ..i
                    })
                    .collect(),
                warnings: whole
                    .warnings
                    .into_iter()
                    .map(|w| Warning {
                        line: w.line - first,
                        ..w
                    })
                    .collect(),
                dividers: whole
                    .summary_divider_line
                    .map(|d| d - first)
                    .into_iter()
                    .collect(),
                words: whole.words,
                quotes_closed: true,
            }]
        });
        let (from, remove, keep, line_delta) = match &old {
            Some(old) => {
                let delta = newlines(src) - newlines(&old.src);
                let prefix = old
                    .units
                    .iter()
                    .zip(&units)
                    .take_while(|(a, b)| a.same_as(b) && a.line == b.line)
                    .count();
                let room = old.units.len().min(units.len()) - prefix;
                let suffix = old
                    .units
                    .iter()
                    .rev()
                    .zip(units.iter().rev())
                    .take(room)
                    .take_while(|(a, b)| a.same_as(b) && shifted(a.line, delta) == b.line)
                    .count();
                let n_old = old.units.len();
                for (u, o) in units.iter_mut().zip(&old.units).take(prefix) {
                    u.key = o.key;
                }
                for (u, o) in units
                    .iter_mut()
                    .rev()
                    .zip(old.units.iter().rev())
                    .take(suffix)
                {
                    u.key = o.key;
                }
                (prefix, n_old - prefix - suffix, suffix, delta)
            }
            None => (0, 0, 0, 0),
        };
        let words = if src.contains("[^") || units.iter().any(|u| !u.quotes_closed) {
            words::count(src, options, None)
        } else {
            units.iter().map(|u| u.words).sum()
        };
        let insert_end = units.len() - keep;
        let mut insert = Vec::with_capacity(insert_end - from);
        for u in &mut units[from..insert_end] {
            u.key = self.key();
            insert.push(u.block());
        }
        let state = State {
            src: src.to_string(),
            fingerprint,
            units,
            refs,
            whole_only,
            words,
        };
        let mut patch = self.finish(state, from, remove, insert, line_delta, Vec::new(), options);
        patch.base_version = base_version;
        patch
    }

    /// Re-renders only the units around the edit; gives the old state back when the page
    /// must be rendered whole.
    fn window(
        &mut self,
        old: State,
        src: &str,
        opt: &RenderOptions<'_>,
        fingerprint: Fingerprint,
    ) -> Result<Windowed, Box<State>> {
        let Some(plan) = Self::plan(&old, src, opt) else {
            return Err(Box::new(old));
        };
        let Plan {
            lo,
            hi,
            mut window,
            line_delta,
            byte_delta,
            rerendered,
        } = plan;
        let olds = &old.units[lo..=hi];
        let prefix = olds
            .iter()
            .zip(&window)
            .take_while(|(a, b)| a.same_as(b) && a.line == b.line)
            .count();
        let room = olds.len().min(window.len()) - prefix;
        let suffix = olds
            .iter()
            .rev()
            .zip(window.iter().rev())
            .take(room)
            .take_while(|(a, b)| a.same_as(b) && shifted(a.line, line_delta) == b.line)
            .count();
        let (n_new, n_old) = (window.len(), olds.len());
        for k in 0..prefix {
            window[k].key = olds[k].key;
        }
        for k in 0..suffix {
            window[n_new - 1 - k].key = olds[n_old - 1 - k].key;
        }
        let mut insert = Vec::with_capacity(n_new - prefix - suffix);
        for u in &mut window[prefix..n_new - suffix] {
            u.key = self.key();
            insert.push(u.block());
        }
        let sum = |us: &[Unit]| -> usize { us.iter().map(|u| u.words).sum() };
        let mut words = (old.words + sum(&window)).saturating_sub(sum(olds));
        for (k, u) in &rerendered {
            words = (words + u.words).saturating_sub(old.units[*k].words);
        }
        // A typographer quote left open in one unit decides quotes in the next, before or
        // after the edit: the page is then counted whole.
        let was_open = old.units.iter().any(|u| !u.quotes_closed);
        let State {
            mut units, refs, ..
        } = old;
        units.splice(lo..=hi, window);
        if was_open || units.iter().any(|u| !u.quotes_closed) {
            words = words::count(src, opt, None);
        }
        let after = lo + n_new;
        for u in &mut units[after..] {
            u.start =
                usize::try_from(isize::try_from(u.start).unwrap_or(0) + byte_delta).unwrap_or(0);
            u.line = shifted(u.line, line_delta);
        }
        let mut replace = Vec::with_capacity(rerendered.len());
        for (k, mut u) in rerendered {
            let index = k - (hi + 1) + after;
            u.key = self.key();
            replace.push(Replaced {
                index,
                block: u.block(),
            });
            units[index] = u;
        }
        Ok(Windowed {
            state: State {
                src: src.to_string(),
                fingerprint,
                units,
                refs,
                whole_only: false,
                words,
            },
            from: lo + prefix,
            remove: n_old - prefix - suffix,
            insert,
            line_delta,
            replace,
        })
    }

    /// Which units the edit from `old.src` to `src` touches, rendered anew, and whether the
    /// rest of the page stays as it was. `None` when it might not.
    fn plan(old: &State, src: &str, opt: &RenderOptions<'_>) -> Option<Plan> {
        if old.whole_only || old.units.is_empty() {
            return None;
        }
        let (a, b) = (old.src.as_bytes(), src.as_bytes());
        let mut p = common_prefix(a, b);
        while !src.is_char_boundary(p) {
            p -= 1;
        }
        let mut s = common_suffix(a, b, a.len().min(b.len()) - p);
        while !old.src.is_char_boundary(a.len() - s) {
            s -= 1;
        }
        let (old_end, new_end) = (a.len() - s, b.len() - s);
        let units = &old.units;
        let unit_at = |at: usize| units.partition_point(|u| u.start <= at).saturating_sub(1);
        let i = unit_at(p);
        let j = if old_end > p { unit_at(old_end - 1) } else { i };
        // One unchanged unit on each side: an edit can join its block to a neighbour.
        let lo = i.saturating_sub(1);
        let sync = j + 1 < units.len();
        let hi = if sync { j + 1 } else { units.len() - 1 };
        // The footnote section is written at the end of the last unit: a window that
        // reaches it renders the page whole.
        if hi + 1 == units.len() && (src.contains("[^") || old.src.contains("[^")) {
            return None;
        }
        let w_start = units[lo].start;
        let w_end_old = units.get(hi + 1).map_or(a.len(), |u| u.start);
        let byte_delta = isize::try_from(b.len()).ok()? - isize::try_from(a.len()).ok()?;
        let w_end_new = usize::try_from(isize::try_from(w_end_old).ok()? + byte_delta).ok()?;
        // Footnote numbers and link definitions reach across the page.
        for text in [
            old.src.get(w_start..w_end_old)?,
            src.get(w_start..w_end_new)?,
        ] {
            if text.contains("[^") || text.lines().any(may_define_link) {
                return None;
            }
        }
        // The ids handed out before the window, replayed (kramdown and Hexo count per id).
        let mut ids = HeadingIds::new(opt.flavor.heading_ids);
        for u in &units[..lo] {
            for h in &u.heads {
                h.assign(&mut ids);
            }
        }
        let window = render_span(
            src,
            w_start..w_end_new,
            units[lo].line,
            opt,
            &old.refs,
            &mut ids,
            None,
        )?;
        // The window must end on the block boundary it ended on before.
        if sync {
            let expect = isize::try_from(units[hi].start).ok()? + byte_delta;
            if window.last().map(|u| isize::try_from(u.start).ok()) != Some(Some(expect)) {
                return None;
            }
        }
        let line_delta = newlines(src.get(p..new_end)?) - newlines(old.src.get(p..old_end)?);
        // Later headings keep their ids when the window asked for the same ones in the same
        // order (kramdown and Hexo number duplicates by count, so a set is not enough).
        let heads_of = |us: &[Unit]| -> Vec<HeadingId> {
            us.iter().flat_map(|u| u.heads.iter().cloned()).collect()
        };
        let ids_same = heads_of(&units[lo..=hi]) == heads_of(&window);
        let later = &units[hi + 1..];
        let raw_moves = line_delta != 0 && later.iter().any(|u| u.raw);
        let mut rerendered = Vec::new();
        if !ids_same || raw_moves {
            for (k, u) in later.iter().enumerate() {
                let k = k + hi + 1;
                if u.raw && line_delta != 0 {
                    let start =
                        usize::try_from(isize::try_from(u.start).ok()? + byte_delta).ok()?;
                    let end = match units.get(k + 1) {
                        Some(n) => {
                            usize::try_from(isize::try_from(n.start).ok()? + byte_delta).ok()?
                        }
                        None => src.len(),
                    };
                    if src.get(start..end)?.contains("[^") {
                        return None;
                    }
                    let line = shifted(u.line, line_delta);
                    let mut again =
                        render_span(src, start..end, line, opt, &old.refs, &mut ids, None)?;
                    if again.len() != 1 {
                        return None;
                    }
                    rerendered.push((k, again.pop()?));
                } else {
                    for (h, t) in u.heads.iter().zip(&u.toc) {
                        if h.assign(&mut ids) != t.id {
                            return None;
                        }
                    }
                }
            }
        }
        Some(Plan {
            lo,
            hi,
            window,
            line_delta,
            byte_delta,
            rerendered,
        })
    }
}

/// The units an edit re-rendered, and how the rest of the page moves.
struct Plan {
    lo: usize,
    hi: usize,
    window: Vec<Unit>,
    line_delta: i64,
    byte_delta: isize,
    rerendered: Vec<(usize, Unit)>,
}
