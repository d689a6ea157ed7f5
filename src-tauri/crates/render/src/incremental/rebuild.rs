//! The fallback: the whole page rendered again (block-cached), keeping the keys of the units
//! at both ends that did not change, so the patch still replaces only the middle.

use super::*;

impl Incremental {
    /// Renders the whole page, keeping the keys of the units at both ends that did not change.
    pub(super) fn rebuild(
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
