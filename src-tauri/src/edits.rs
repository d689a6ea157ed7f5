//! The preview's text sent as edits: after the first request, a keystroke sends only what
//! changed (UTF-16 ranges of the text the core already holds, as CodeMirror reports them),
//! not the whole post. A megabyte post then costs a few bytes of IPC per keystroke.

use serde::Deserialize;
use ts_rs::TS;

/// One replaced range of the previous text, in UTF-16 code units.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct TextChange {
    pub from: u32,
    pub to: u32,
    pub insert: String,
}

/// The changes since the text of request `base`, in ascending order, not overlapping.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct TextEdit {
    pub base: u32,
    pub changes: Vec<TextChange>,
    /// The length of the new text in UTF-16 code units: a check that both sides agree.
    pub length: u32,
}

/// Byte offsets of the given UTF-16 offsets (ascending), or `None` when one falls inside a
/// character or past the end.
fn byte_offsets(text: &str, utf16: &[u32]) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(utf16.len());
    let mut want = utf16.iter().copied().peekable();
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        while let Some(&w) = want.peek() {
            if w == units {
                out.push(i);
                want.next();
            } else if w < units {
                return None;
            } else {
                break;
            }
        }
        if want.peek().is_none() {
            return Some(out);
        }
        units += u32::try_from(c.len_utf16()).ok()?;
    }
    for w in want {
        if w != units {
            return None;
        }
        out.push(text.len());
    }
    Some(out)
}

/// `text` with `edit` applied, or `None` when the edit does not fit it.
pub fn apply(text: &str, edit: &TextEdit) -> Option<String> {
    let mut points = Vec::with_capacity(edit.changes.len() * 2);
    let mut last = 0;
    for c in &edit.changes {
        if c.from < last || c.to < c.from {
            return None;
        }
        points.push(c.from);
        points.push(c.to);
        last = c.to;
    }
    let bytes = byte_offsets(text, &points)?;
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (c, pair) in edit.changes.iter().zip(bytes.chunks(2)) {
        out.push_str(text.get(at..pair[0])?);
        out.push_str(&c.insert);
        at = pair[1];
    }
    out.push_str(text.get(at..)?);
    let length = out.encode_utf16().count();
    (u32::try_from(length).ok()? == edit.length).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(changes: &[(u32, u32, &str)], length: u32) -> TextEdit {
        TextEdit {
            base: 1,
            changes: changes
                .iter()
                .map(|&(from, to, insert)| TextChange {
                    from,
                    to,
                    insert: insert.into(),
                })
                .collect(),
            length,
        }
    }

    #[test]
    fn utf16_ranges_apply_to_chinese_and_emoji_text() {
        let text = "调谐 loop 🚀 end";
        // "🚀" is two UTF-16 units: "end" starts at 11.
        assert_eq!(
            apply(text, &edit(&[(0, 2, "Reconcile"), (11, 11, "the ")], 25)).as_deref(),
            Some("Reconcile loop 🚀 the end")
        );
        assert_eq!(
            apply(text, &edit(&[(14, 14, "!")], 15)).as_deref(),
            Some("调谐 loop 🚀 end!")
        );
    }

    #[test]
    fn an_edit_that_does_not_fit_is_refused() {
        let text = "a🚀b";
        // Inside the surrogate pair, past the end, out of order, or a wrong length.
        assert!(apply(text, &edit(&[(2, 2, "x")], 5)).is_none());
        assert!(apply(text, &edit(&[(9, 9, "x")], 5)).is_none());
        assert!(apply(text, &edit(&[(3, 4, ""), (0, 1, "")], 2)).is_none());
        assert!(apply(text, &edit(&[(0, 0, "x")], 9)).is_none());
        assert_eq!(
            apply(text, &edit(&[(0, 0, "x")], 5)).as_deref(),
            Some("xa🚀b")
        );
    }
}
