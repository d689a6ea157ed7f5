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
//! touches, [`window`] re-renders those and checks the page around them, [`rebuild`] renders
//! the whole page when they cannot; this module keeps the state between edits and makes the
//! patch, whose lists (headings, images, warnings) are sent only when they change.

use std::sync::atomic::{AtomicU32, Ordering};

use serde::Serialize;

use crate::headings::HeadingIds;
use crate::markdown::{self, Context, HeadingId, RefMap};
use crate::sanitize;
use crate::typographer::Quotes;
use crate::words::{self, Counting};
use crate::{ImageRef, RenderOptions, Rendered, TocEntry, Warning, WarningKind};

mod plan;
mod rebuild;
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
    /// The page's headings; `None` when they are the same as at `base_version` (always
    /// given when that is 0). Most keystrokes change none: a 1 MB post's outline is 100 KB
    /// of JSON that would otherwise cross to the page on every key.
    pub toc: Option<Vec<TocEntry>>,
    pub words: usize,
    pub reading_minutes: usize,
    /// The page's images; `None` as for `toc`.
    pub images: Option<Vec<ImageRef>>,
    pub summary_divider_line: Option<usize>,
    /// The page's warnings; `None` as for `toc`.
    pub warnings: Option<Vec<Warning>>,
}

/// The lists of the page the last update described, to tell whether the next one changes them.
#[derive(Default)]
struct Lists {
    toc: Vec<TocEntry>,
    images: Vec<ImageRef>,
    warnings: Vec<Warning>,
}

/// The page's numbers, from its units.
struct Numbers {
    toc: Vec<TocEntry>,
    words: usize,
    reading_minutes: usize,
    images: Vec<ImageRef>,
    summary_divider_line: Option<usize>,
    warnings: Vec<Warning>,
}

/// The incremental renderer of one open post.
#[derive(Default)]
pub struct Incremental {
    state: Option<State>,
    version: u32,
    /// The lists at `version`.
    lists: Lists,
    next_key: u32,
    /// How the last update was made, for tests and benchmarks.
    last_whole: bool,
}

/// Versions are unique in the process, not counted per renderer: a preview still showing the
/// page of another renderer (another post's, whose answer was dropped) never matches a new
/// renderer's version, so it is never patched as if it held that renderer's page.
static VERSIONS: AtomicU32 = AtomicU32::new(0);

/// The next version; never 0 (an empty preview).
fn next_version() -> u32 {
    loop {
        let v = VERSIONS.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
        if v != 0 {
            return v;
        }
    }
}

/// `None` when `now` equals the list of a patch from `base` (not 0); keeps `now` in `was`.
fn unchanged<T: PartialEq + Clone>(
    base: u32,
    was: &mut Vec<T>,
    now: Option<Vec<T>>,
) -> Option<Vec<T>> {
    let now = now?;
    if base != 0 && *was == now {
        return None;
    }
    was.clone_from(&now);
    Some(now)
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
        let markdown = &crate::line_feeds(markdown);
        let mut patch = self.update_all(markdown, options);
        let lists = &mut self.lists;
        let base = patch.base_version;
        patch.toc = unchanged(base, &mut lists.toc, patch.toc);
        patch.images = unchanged(base, &mut lists.images, patch.images);
        patch.warnings = unchanged(base, &mut lists.warnings, patch.warnings);
        patch
    }

    /// The patch with every list given.
    fn update_all(&mut self, markdown: &str, options: &RenderOptions<'_>) -> Update {
        let fingerprint = Fingerprint::of(options);
        let previous = self.state.take();
        let base_version = self.version;
        self.version = next_version();
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
        let mut patch = Self::patch(Self::numbers(state, options));
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

    /// The page's numbers as a patch from an empty preview, its units not given.
    fn patch(n: Numbers) -> Update {
        Update {
            version: 0,
            base_version: 0,
            from: 0,
            remove: 0,
            insert: Vec::new(),
            line_delta: 0,
            replace: Vec::new(),
            toc: Some(n.toc),
            words: n.words,
            reading_minutes: n.reading_minutes,
            images: Some(n.images),
            summary_divider_line: n.summary_divider_line,
            warnings: Some(n.warnings),
        }
    }

    /// The page's numbers from its units.
    fn numbers(state: &State, options: &RenderOptions<'_>) -> Numbers {
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
        Numbers {
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
        let mut patch = Self::patch(Self::numbers(&state, options));
        patch.version = self.version;
        patch.from = from;
        patch.remove = remove;
        patch.insert = insert;
        patch.line_delta = line_delta;
        patch.replace = replace;
        self.state = Some(state);
        patch
    }
}
