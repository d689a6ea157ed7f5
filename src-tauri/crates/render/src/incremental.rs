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
//!
//! By job: [`units`] renders spans of the text into units, [`plan`] finds which units an edit
//! touches, [`window`] re-renders those and checks the page around them; this module keeps
//! the state between edits and makes the patch.

use serde::Serialize;

use crate::headings::HeadingIds;
use crate::markdown::{self, Context, HeadingId, RefMap};
use crate::sanitize;
use crate::typographer::Quotes;
use crate::words::{self, Counting};
use crate::{ImageRef, RenderOptions, Rendered, TocEntry, Warning, WarningKind};

mod plan;
mod units;
mod window;

use plan::*;
use units::*;

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

/// The incremental renderer of one open post.
#[derive(Default)]
pub struct Incremental {
    state: Option<State>,
    version: u32,
    next_key: u32,
    /// How the last update was made, for tests and benchmarks.
    last_whole: bool,
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
            &mut Quotes::default(),
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
                quotes_in: Quotes::default(),
                quotes_out: Quotes::default(),
            }]
        });
        // Units were counted as they were rendered, before the page's link definitions were
        // all known: a reference to a later definition counts as its link text only now.
        if !whole_only && !refs.is_empty() {
            let mut open = Quotes::default();
            for k in 0..units.len() {
                recount(&mut units, k, src, options, &refs, open);
                open = units[k].quotes_out;
            }
        }
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
        // Units count their words entering with the quotes the one before left open, so the
        // page is their sum, except for footnotes (see `State::words`).
        let words = if src.contains("[^") {
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
}
