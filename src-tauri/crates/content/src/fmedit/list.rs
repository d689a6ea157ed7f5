//! Edits the items of one front-matter list in place: a renamed item's value is replaced where
//! it is written, a removed item takes its own line (block list) or its comma (flow list,
//! array) with it, and every other byte stays: comments on the same line, commented-out
//! items, the other items' quoting, blank lines, indentation. YAML block and flow lists, TOML
//! arrays and JSON arrays, on one line or many.

use std::ops::Range;

use crate::frontmatter::{FmError, Format, split};

/// What happens to one item of the list, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemEdit {
    Keep,
    Replace(String),
    Delete,
}

/// One item as written: the value's bytes (quotes included) and, for a block list, its line.
struct Item {
    value: Range<usize>,
    line: Option<Range<usize>>,
}

/// Applies `edits` (one per item, in order) to the list under `key` in the front matter at the
/// start of `head`. `Ok(None)` when the list is not written in a way this can edit item by
/// item (nested values, multi-line strings, a count that differs from `edits`, every item
/// removed): the caller then rewrites the value whole.
pub fn edit_list(
    head: &str,
    hexo: bool,
    key: &str,
    edits: &[ItemEdit],
) -> Result<Option<String>, FmError> {
    let s = split(head, hexo)?;
    let Some(format) = s.format else {
        return Ok(None);
    };
    if edits.iter().all(|e| *e == ItemEdit::Delete) {
        return Ok(None);
    }
    let inner = s.inner;
    let dialect = match format {
        Format::Yaml => Dialect::Yaml,
        Format::Toml => Dialect::Toml,
        Format::Json | Format::HexoJson => Dialect::Json,
    };
    let items = match format {
        Format::Yaml => yaml_items(inner, key),
        Format::Toml => toml_array(inner, key).and_then(|open| flow_items(inner, open, dialect)),
        Format::Json | Format::HexoJson => {
            crate::fmedit::json::span(inner, format == Format::HexoJson, key)
                .map_err(|message| FmError {
                    line: crate::frontmatter::line_at(head, s.inner_start),
                    format: format.name(),
                    message,
                })?
                .filter(|r| inner[r.clone()].starts_with('['))
                .and_then(|r| flow_items(inner, r.start, dialect))
        }
    };
    let Some(items) = items else {
        return Ok(None);
    };
    if items.len() != edits.len() {
        return Ok(None);
    }
    // Every change as a range of the original text and its new bytes; removals that meet
    // (two neighbours removed) are joined, then all are applied from the end back.
    let mut changes: Vec<(Range<usize>, String)> = Vec::new();
    for (i, (item, edit)) in items.iter().zip(edits).enumerate() {
        match edit {
            ItemEdit::Keep => {}
            ItemEdit::Replace(new) => {
                let old = &inner[item.value.clone()];
                changes.push((item.value.clone(), scalar(new, old, dialect)));
            }
            ItemEdit::Delete => {
                let (range, comma) = removal(inner, &items, edits, i, dialect);
                changes.push((range, String::new()));
                if let Some(comma) = comma {
                    changes.push((comma, String::new()));
                }
            }
        }
    }
    changes.sort_by_key(|(r, _)| (r.start, r.end));
    let mut joined: Vec<(Range<usize>, String)> = Vec::new();
    for (range, text) in changes {
        match joined.last_mut() {
            Some((last, last_text))
                if text.is_empty() && last_text.is_empty() && range.start <= last.end =>
            {
                last.end = last.end.max(range.end);
            }
            _ => joined.push((range, text)),
        }
    }
    let mut out = inner.to_string();
    for (range, text) in joined.into_iter().rev() {
        out.replace_range(range, &text);
    }
    // An edit never turns front matter that parses into front matter that does not.
    let first_line = crate::frontmatter::line_at(head, s.inner_start);
    if crate::frontmatter::parse(format, inner, first_line).is_ok()
        && let Err(e) = crate::frontmatter::parse(format, &out, first_line)
    {
        return Err(FmError {
            message: format!(
                "changing `{key}` here would leave front matter that does not parse ({}); edit it in the raw front matter",
                e.message
            ),
            ..e
        });
    }
    let inner_end = s.inner_start + inner.len();
    Ok(Some(format!(
        "{}{out}{}",
        &head[..s.inner_start],
        &head[inner_end..]
    )))
}

/// What removing item `i` removes: its line when it has one to itself (a block list, or a
/// flow list written one item a line), else the item with the separator after it (the last
/// one: before it). A last item that had no comma after it takes the previous item's comma,
/// so the list keeps its shape (and JSON stays JSON).
fn removal(
    text: &str,
    items: &[Item],
    edits: &[ItemEdit],
    i: usize,
    dialect: Dialect,
) -> (Range<usize>, Option<Range<usize>>) {
    let item = &items[i];
    // The item before that stays (removed neighbours go with their own ranges).
    let prev = (0..i)
        .rev()
        .find(|&p| edits[p] != ItemEdit::Delete)
        .map(|p| &items[p]);
    if let Some(line) = &item.line {
        return (line.clone(), None);
    }
    let line_start = text[..item.value.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[item.value.end..]
        .find('\n')
        .map_or(text.len(), |p| item.value.end + p + 1);
    let before = &text[line_start..item.value.start];
    let after = text[item.value.end..line_end].trim_start_matches([' ', '\t']);
    let comma = after.starts_with(',');
    let rest = after
        .trim_start_matches(',')
        .trim_start_matches([' ', '\t']);
    let own_line = before.trim_matches([' ', '\t']).is_empty()
        && (rest.trim_end().is_empty() || (rest.starts_with('#') && dialect != Dialect::Json))
        && line_end <= text.len()
        && text[line_start..line_end].ends_with('\n');
    let prev_comma = || {
        let prev = prev?;
        let at = prev.value.end + text[prev.value.end..].find(',')?;
        Some(at..at + 1)
    };
    if own_line {
        return (
            line_start..line_end,
            if comma { None } else { prev_comma() },
        );
    }
    let range = match (items.get(i + 1), prev) {
        (Some(next), _) => item.value.start..next.value.start,
        // The last item on a line of its own before `]`: the previous item's comma and this
        // item go; a comment after that comma stays.
        (None, Some(prev)) if text[prev.value.end..item.value.start].contains('\n') => {
            return (
                line_start + before.len() - before.trim_start_matches([' ', '\t']).len()
                    ..item.value.end,
                prev_comma(),
            );
        }
        (None, Some(prev)) => prev.value.end..item.value.end,
        (None, None) => item.value.clone(),
    };
    (range, None)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Yaml,
    Toml,
    Json,
}

/// The new value written the way the old one was: the same quotes when they can hold it.
fn scalar(new: &str, old: &str, dialect: Dialect) -> String {
    let control = new.chars().any(char::is_control);
    match (dialect, old.chars().next()) {
        (Dialect::Yaml, Some('\'')) if !control => format!("'{}'", new.replace('\'', "''")),
        (Dialect::Toml, Some('\'')) if !control && !new.contains('\'') => format!("'{new}'"),
        (Dialect::Yaml, Some('"')) | (Dialect::Toml, _) => super::double_quoted(new),
        (Dialect::Json, _) => serde_json::to_string(new).unwrap_or_else(|_| "\"\"".into()),
        // Plain YAML stays plain when it reads back as the same text (inside a flow list
        // `,[]{}` end it too); otherwise double quotes.
        (Dialect::Yaml, _) => {
            if control
                || super::needs_quotes(new)
                || new.contains([',', '[', ']', '{', '}', '#'])
                || !super::reads_back_plain(new)
            {
                super::double_quoted(new)
            } else {
                new.to_string()
            }
        }
    }
}

fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for l in text.split_inclusive('\n') {
        out.push(start..start + l.len());
        start += l.len();
    }
    out
}

/// Just past a quoted scalar opening with `q` at `at`; `None` when it does not close on its
/// own line (or at all).
fn end_of_quoted(text: &str, at: usize, q: u8, dialect: Dialect) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = at + 1;
    while i < b.len() {
        match b[i] {
            b'\n' => return None,
            // An escaped line break continues the scalar on the next line: not ours to edit.
            b'\\' if q == b'"' && b.get(i + 1) == Some(&b'\n') => return None,
            b'\\' if q == b'"' => i += 1,
            c if c == q => {
                // YAML's `''` inside single quotes is a quote, not the end.
                if q == b'\'' && dialect == Dialect::Yaml && b.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A YAML list under `key`: a flow list after the colon, or a block list below it.
fn yaml_items(inner: &str, key: &str) -> Option<Vec<Item>> {
    let lines = line_ranges(inner);
    let mut keyed = lines
        .iter()
        .enumerate()
        .filter(|(_, r)| super::is_key_line(&inner[(*r).clone()], key));
    let (at, line) = keyed.next()?;
    if keyed.next().is_some() {
        return None;
    }
    let colon = line.start + inner[line.clone()].find(':')?;
    let rest = &inner[colon + 1..line.end];
    let value = rest.trim_start_matches([' ', '\t']);
    let value_at = line.end - value.len();
    if value.starts_with('[') {
        return flow_items(inner, value_at, Dialect::Yaml);
    }
    // Nothing (or only a comment) after the colon: a block list below.
    let tail = value.trim_end();
    if !(tail.is_empty() || tail.starts_with('#')) {
        return None;
    }
    let mut items = Vec::new();
    let mut indent: Option<&str> = None;
    for r in &lines[at + 1..] {
        let l = &inner[r.clone()];
        let body = l.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start_matches([' ', '\t']);
        // Blank lines and comments (a commented-out item) stay where they are.
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let this_indent = &body[..body.len() - trimmed.len()];
        if !trimmed.starts_with("- ") && trimmed != "-" {
            break;
        }
        match indent {
            None => indent = Some(this_indent),
            Some(i) if i != this_indent => return None,
            Some(_) => {}
        }
        let start = r.start + (body.len() - trimmed.len()) + 1;
        let after_dash = &inner[start..r.start + body.len()];
        let v = after_dash.trim_start_matches([' ', '\t']);
        let v_start = r.start + body.len() - v.len();
        let v_end = match v.as_bytes().first() {
            None => return None,
            Some(q @ (b'"' | b'\'')) => {
                let end = end_of_quoted(inner, v_start, *q, Dialect::Yaml)?;
                let after = inner
                    .get(end..r.start + body.len())?
                    .trim_start_matches([' ', '\t']);
                if !(after.is_empty() || after.starts_with('#')) {
                    return None;
                }
                end
            }
            // Nested lists, maps, anchors, block scalars: not a list of plain terms.
            Some(b'[' | b'{' | b'&' | b'*' | b'|' | b'>' | b'!' | b'-' | b'?') => return None,
            Some(_) => {
                let comment = v.find(" #").or_else(|| v.find("\t#")).unwrap_or(v.len());
                if v[..comment].contains(": ") {
                    return None;
                }
                v_start + v[..comment].trim_end().len()
            }
        };
        items.push(Item {
            value: v_start..v_end,
            line: Some(r.clone()),
        });
    }
    // A plain item folded onto more lines (`- kubernetes\n  networking`): not a term per line.
    for pair in lines[at + 1..].windows(2) {
        let (l, next) = (&inner[pair[0].clone()], &inner[pair[1].clone()]);
        let item = l.trim_start_matches([' ', '\t']);
        let n = next.trim_start_matches([' ', '\t']);
        let deeper = next.len() - n.len() > l.len() - item.len();
        if item.starts_with('-') && deeper && !n.trim().is_empty() && !n.starts_with(['-', '#']) {
            return None;
        }
    }
    (!items.is_empty()).then_some(items)
}

/// The `[` of a top-level TOML array `key = [...]`.
fn toml_array(inner: &str, key: &str) -> Option<usize> {
    for r in line_ranges(inner) {
        let l = &inner[r.clone()];
        // A multi-line string before the key: its lines are not keys; leave it alone.
        if l.contains("\"\"\"") || l.contains("'''") {
            return None;
        }
        let t = l.trim_start();
        // Keys after a table header belong to that table.
        if t.starts_with('[') {
            return None;
        }
        let quoted = |q: char| {
            t.strip_prefix(q)
                .and_then(|t| t.strip_prefix(key).and_then(|t| t.strip_prefix(q)))
        };
        let unquoted = quoted('"')
            .or_else(|| quoted('\''))
            .or_else(|| t.strip_prefix(key));
        let Some(after) = unquoted else { continue };
        let after = after.trim_start_matches([' ', '\t']);
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start_matches([' ', '\t']);
        return value
            .starts_with('[')
            .then(|| r.start + l.len() - value.len());
    }
    None
}

/// The items of a flow list / array whose `[` is at `open`: scalars separated by commas,
/// with blank space, line breaks and (YAML, TOML) `#` comments between them.
fn flow_items(text: &str, open: usize, dialect: Dialect) -> Option<Vec<Item>> {
    let b = text.as_bytes();
    let mut i = open + 1;
    let mut items = Vec::new();
    let mut expect_value = true;
    loop {
        // Space, line breaks and comments.
        while i < b.len() {
            match b[i] {
                b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                b'#' if dialect != Dialect::Json => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        let c = *b.get(i)?;
        match c {
            b']' => return Some(items),
            b',' if !expect_value => {
                expect_value = true;
                i += 1;
            }
            _ if !expect_value => return None,
            b'"' | b'\'' => {
                if dialect == Dialect::Json && c == b'\'' {
                    return None;
                }
                // TOML's multi-line strings: leave the list to the whole-value edit.
                if text[i..].starts_with("\"\"\"") || text[i..].starts_with("'''") {
                    return None;
                }
                let end = end_of_quoted(text, i, c, dialect)?;
                items.push(Item {
                    value: i..end,
                    line: None,
                });
                i = end;
                expect_value = false;
            }
            b'[' | b'{' | b',' => return None,
            _ if dialect == Dialect::Yaml => {
                // A plain scalar: up to `,` `]` or a comment, trailing space trimmed.
                let start = i;
                while i < b.len() && !matches!(b[i], b',' | b']' | b'\n') {
                    if b[i] == b'#' && i > start && matches!(b[i - 1], b' ' | b'\t') {
                        break;
                    }
                    i += 1;
                }
                let end = start + text[start..i].trim_end().len();
                let v = &text[start..end];
                // Maps, anchors, aliases, tags: not a list of plain terms.
                if v.contains(": ") || v.starts_with(['&', '*', '!', '?', '|', '>', '@', '`', '%'])
                {
                    return None;
                }
                items.push(Item {
                    value: start..end,
                    line: None,
                });
                expect_value = false;
            }
            // TOML and JSON arrays of terms hold strings only.
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests;
