//! The window of an edit: the units around it re-rendered, checked against the page around
//! them, and the patch that replaces them in the preview.

use super::*;

/// What a windowed update produced.
pub(super) struct Windowed {
    pub(super) state: State,
    pub(super) from: usize,
    pub(super) remove: usize,
    pub(super) insert: Vec<Block>,
    pub(super) line_delta: i64,
    pub(super) replace: Vec<Replaced>,
}

impl Incremental {
    /// Re-renders only the units around the edit; gives the old state back when the page
    /// must be rendered whole.
    pub(super) fn window(
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
        let State {
            mut units, refs, ..
        } = old;
        units.splice(lo..=hi, window);
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
        // A typographer quote the window leaves open (or closes) decides quotes after it:
        // later units are counted again, in order, until one is entered as it was before.
        let mut open = after
            .checked_sub(1)
            .map_or_else(Quotes::default, |k| units[k].quotes_out);
        let mut recounted = false;
        for k in after..units.len() {
            if units[k].quotes_in == open {
                break;
            }
            recounted = true;
            let Some(was) = recount(&mut units, k, src, opt, &refs, open) else {
                words = words::count(src, opt, None);
                break;
            };
            words = (words + units[k].words).saturating_sub(was);
            open = units[k].quotes_out;
        }
        // A footnote's text counts where the page writes it, after its last unit, with the
        // quotes open there: the page is counted whole.
        if recounted && src.contains("[^") {
            words = words::count(src, opt, None);
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
}
