//! The edit plan: which units an edit from the old text to the new one touches (the common
//! prefix and suffix of the two texts, widened to whole units and to what may depend on them),
//! and whether the rest of the page may stay as it was.

use super::*;

/// The units an edit re-rendered, and how the rest of the page moves.
pub(super) struct Plan {
    pub(super) lo: usize,
    pub(super) hi: usize,
    pub(super) window: Vec<Unit>,
    pub(super) line_delta: i64,
    pub(super) byte_delta: isize,
    pub(super) rerendered: Vec<(usize, Unit)>,
}

/// Whether a line may hold a link reference definition: `[label]:` after nothing but
/// indentation, block quote and list markers.
pub(super) fn may_define_link(line: &str) -> bool {
    line.find("]:").is_some_and(|at| {
        line[..at].find('[').is_some_and(|open| {
            line[..open]
                .chars()
                .all(|c| c.is_whitespace() || ">-*+.)".contains(c) || c.is_ascii_digit())
        })
    })
}

/// Length of the common prefix of two byte strings (compared in chunks).
pub(super) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
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
pub(super) fn common_suffix(a: &[u8], b: &[u8], limit: usize) -> usize {
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

pub(super) fn shifted(line: usize, delta: i64) -> usize {
    usize::try_from(i64::try_from(line).unwrap_or(i64::MAX) + delta).unwrap_or(0)
}

pub(super) fn newlines(s: &str) -> i64 {
    i64::try_from(s.bytes().filter(|&b| b == b'\n').count()).unwrap_or(i64::MAX)
}

pub(super) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

impl Incremental {
    /// Which units the edit from `old.src` to `src` touches, rendered anew, and whether the
    /// rest of the page stays as it was. `None` when it might not.
    pub(super) fn plan(old: &State, src: &str, opt: &RenderOptions<'_>) -> Option<Plan> {
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
        let headings = units.iter().map(|u| u.heads.len()).sum();
        let mut ids = HeadingIds::with_capacity(opt.flavor.heading_ids, headings);
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
            &mut units[lo].quotes_in.clone(),
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
                    let mut again = render_span(
                        src,
                        start..end,
                        line,
                        opt,
                        &old.refs,
                        &mut ids,
                        None,
                        &mut u.quotes_in.clone(),
                    )?;
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
