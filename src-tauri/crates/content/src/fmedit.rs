//! Edits one front-matter field and nothing else: every other line stays byte-identical
//! (comments, quoting, key order, list style, CRLF). YAML is edited by lines, TOML through
//! toml_edit's lossless document, JSON by replacing the member's value in place.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::frontmatter::{FmError, Format, split};

/// The new value of a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum FieldValue {
    Text(String),
    Bool(bool),
    List(Vec<String>),
    /// A date as typed (`2024-03-02`, RFC 3339): written unquoted where the format allows.
    Date(String),
    /// Remove the key.
    Remove,
}

/// Sets `key` in the front matter at the start of `head` (everything before the body) and
/// returns the new head. A post without front matter gets a YAML block.
pub fn set_field(head: &str, hexo: bool, key: &str, value: &FieldValue) -> Result<String, FmError> {
    let s = split(head, hexo)?;
    let Some(format) = s.format else {
        if *value == FieldValue::Remove {
            return Ok(head.to_string());
        }
        let eol = if head.contains("\r\n") { "\r\n" } else { "\n" };
        // A byte-order mark stays the first thing in the file.
        let (bom, rest) = match head.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", head),
        };
        return Ok(format!(
            "{bom}---{eol}{}---{eol}{rest}",
            yaml_line(key, value, None, eol)
        ));
    };
    let inner_end = s.inner_start + s.inner.len();
    let new_inner = match format {
        _ if key.contains('.') => nested_set(s.inner, format, key, value)?,
        Format::Yaml => yaml_set(
            s.inner,
            crate::frontmatter::line_at(head, s.inner_start),
            key,
            value,
        )?,
        Format::Toml => toml_set(s.inner, key, value)?,
        Format::Json | Format::HexoJson => json_set(s.inner, format, key, value)?,
    };
    let first_line = crate::frontmatter::line_at(head, s.inner_start);
    // A field edit never turns front matter that parses into front matter that does not
    // (odd input like a byte-order mark inside the block): refuse rather than write it.
    if crate::frontmatter::parse(format, s.inner, first_line).is_ok()
        && let Err(e) = crate::frontmatter::parse(format, &new_inner, first_line)
    {
        return Err(FmError {
            message: format!(
                "changing `{key}` here would leave front matter that does not parse ({}); edit it in the raw front matter",
                e.message
            ),
            ..e
        });
    }
    Ok(format!(
        "{}{new_inner}{}",
        &head[..s.inner_start],
        &head[inner_end..]
    ))
}

/// The line sets `key` (`key:`, or quoted `"key":` / `'key':`), at the left margin.
fn is_key_line(line: &str, key: &str) -> bool {
    let (line, quote) = match line.chars().next() {
        Some(q @ ('"' | '\'')) => (&line[1..], Some(q)),
        _ => (line, None),
    };
    let Some(rest) = line.get(..key.len()) else {
        return false;
    };
    let after = &line[key.len()..];
    let after = match quote {
        Some(q) => match after.strip_prefix(q) {
            Some(a) => a,
            None => return false,
        },
        None => after,
    };
    rest.eq_ignore_ascii_case(key) && after.trim_start_matches([' ', '\t']).starts_with(':')
}

fn needs_quotes(s: &str) -> bool {
    s.is_empty()
        || s.trim() != s
        || s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.contains(['\n', '\r', '\t'])
        || matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        )
        || s.parse::<f64>().is_ok()
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Whether YAML reads `s`, written plain, as that same string (`0x10` is 16, `.nan` a float).
pub(crate) fn reads_back_plain(s: &str) -> bool {
    matches!(
        yaml_serde::from_str::<serde_json::Value>(&format!("k: {s}")),
        Ok(serde_json::Value::Object(m)) if m.get("k").and_then(|v| v.as_str()) == Some(s)
    ) && matches!(
        yaml_serde::from_str::<serde_json::Value>(&format!("k: [{s}]")),
        Ok(serde_json::Value::Object(m))
            if m.get("k").and_then(|v| v.as_array()).is_some_and(|a| a.len() == 1 && a[0].as_str() == Some(s))
    )
}

/// A double-quoted scalar (JSON's escapes, which YAML and TOML read the same), with DEL
/// escaped too.
pub(crate) fn double_quoted(s: &str) -> String {
    quoted(s).replace('\u{7f}', "\\u007f")
}

fn yaml_scalar(s: &str, style: Option<char>) -> String {
    match style {
        Some('\'') if !s.chars().any(char::is_control) => {
            format!("'{}'", s.replace('\'', "''"))
        }
        Some('"') => double_quoted(s),
        _ if needs_quotes(s) || s.chars().any(char::is_control) || !reads_back_plain(s) => {
            double_quoted(s)
        }
        _ => s.to_string(),
    }
}

/// The existing entry's style: quote character of the scalar, flow or block list, indent.
struct YamlStyle<'a> {
    quote: Option<char>,
    block_indent: Option<String>,
    comment: Option<&'a str>,
}

fn yaml_style<'a>(lines: &[&'a str], key_len: usize) -> YamlStyle<'a> {
    let first = lines[0];
    let after = first[key_len..].trim_start_matches([' ', '\t']);
    let value = after[1..]
        .trim_start_matches([' ', '\t'])
        .trim_end_matches(['\r', '\n']);
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
    // The comment with all the space before it, so its column stays where the user put it.
    // After a quoted scalar the comment starts past the closing quote.
    let after_scalar = match quote {
        Some(q) => closing_quote(value, q).map_or("", |end| &value[end..]),
        None => value,
    };
    let offset = value.len() - after_scalar.len();
    let comment = after_scalar
        .find(" #")
        .or_else(|| after_scalar.starts_with('#').then_some(0))
        .map(|i| {
            let start = value[..offset + i].trim_end_matches([' ', '\t']).len();
            &value[start..]
        });
    let block_indent = lines.get(1).and_then(|l| {
        let trimmed = l.trim_start_matches([' ', '\t']);
        trimmed
            .starts_with('-')
            .then(|| l[..l.len() - trimmed.len()].to_string())
    });
    let item_quote = lines
        .get(1)
        .and_then(|l| l.trim_start().strip_prefix('-'))
        .and_then(|v| v.trim_start().chars().next());
    let quote = quote.or(item_quote.filter(|c| *c == '"' || *c == '\''));
    YamlStyle {
        quote,
        block_indent,
        comment,
    }
}

/// Just past the closing quote of a scalar that opens with `q` at byte 0.
fn closing_quote(value: &str, q: char) -> Option<usize> {
    let b = value.as_bytes();
    let mut i = 1;
    while i < b.len() {
        match (q, b[i]) {
            ('"', b'\\') => i += 1,
            ('"', b'"') => return Some(i + 1),
            ('\'', b'\'') if b.get(i + 1) == Some(&b'\'') => i += 1,
            ('\'', b'\'') => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

fn yaml_line(key: &str, value: &FieldValue, style: Option<&YamlStyle<'_>>, eol: &str) -> String {
    let quote = style.and_then(|s| s.quote);
    let comment = style.and_then(|s| s.comment).unwrap_or_default();
    match value {
        FieldValue::Text(t) => format!("{key}: {}{comment}{eol}", yaml_scalar(t, quote)),
        FieldValue::Date(d) => format!(
            "{key}: {}{comment}{eol}",
            if quote.is_some() {
                yaml_scalar(d, quote)
            } else {
                d.clone()
            }
        ),
        FieldValue::Bool(b) => format!("{key}: {b}{comment}{eol}"),
        FieldValue::List(items) => match style.and_then(|s| s.block_indent.as_deref()) {
            Some(indent) if !items.is_empty() => {
                let body: String = items
                    .iter()
                    .map(|i| format!("{indent}- {}{eol}", yaml_scalar(i, quote)))
                    .collect();
                format!("{key}:{eol}{body}")
            }
            _ => {
                let list = items
                    .iter()
                    .map(|i| yaml_scalar(i, quote))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{key}: [{list}]{comment}{eol}")
            }
        },
        FieldValue::Remove => String::new(),
    }
}

fn yaml_set(
    inner: &str,
    first_line: usize,
    key: &str,
    value: &FieldValue,
) -> Result<String, FmError> {
    let eol = if inner.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = inner.split_inclusive('\n').collect();
    let mut found = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| is_key_line(l, key))
        .map(|(i, _)| i);
    let Some(start) = found.next() else {
        if *value == FieldValue::Remove {
            return Ok(inner.to_string());
        }
        let mut out = inner.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        out.push_str(&yaml_line(key, value, None, eol));
        return Ok(out);
    };
    // Which one counts differs between generators (Hugo refuses the file, Jekyll takes the
    // last): editing either could silently do nothing, so the user picks one first.
    if let Some(again) = found.next() {
        return Err(FmError {
            line: first_line + again,
            format: Format::Yaml.name(),
            message: format!(
                "`{key}` is set twice (lines {} and {}): remove one, then edit it",
                first_line + start,
                first_line + again
            ),
        });
    }
    let end = block_end(&lines, start, |l| l.starts_with([' ', '\t', '-']));
    let written_key = &lines[start][..key.len()];
    // The value's own lines; the comments between them stay, after the new value.
    let (comments, own): (Vec<&str>, Vec<&str>) = lines[start + 1..end]
        .iter()
        .partition(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let own: Vec<&str> = std::iter::once(lines[start]).chain(own).collect();
    let style = yaml_style(&own, key.len());
    let mut out: String = lines[..start].concat();
    out.push_str(&yaml_line(written_key, value, Some(&style), eol));
    out.extend(comments.iter().filter(|l| !l.trim().is_empty()).copied());
    out.push_str(&lines[end..].concat());
    Ok(out)
}

/// Where the block value of the key on `lines[start]` ends (exclusive): its lines are those
/// after the key that `continues` takes, and the blank and comment lines between them (YAML
/// skips those wherever they stand: an indented line after `# note` at column 0 still belongs
/// to the value above it). Blank and comment lines after its last line belong to what follows.
fn block_end(lines: &[&str], start: usize, continues: impl Fn(&str) -> bool) -> usize {
    let mut end = start + 1;
    for (k, l) in lines.iter().enumerate().skip(start + 1) {
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if !continues(l) {
            break;
        }
        end = k + 1;
    }
    end
}

fn fm_error(format: Format, message: String) -> FmError {
    FmError {
        line: 1,
        format: format.name(),
        message,
    }
}

fn toml_set(inner: &str, key: &str, value: &FieldValue) -> Result<String, FmError> {
    let mut doc: toml_edit::DocumentMut = inner
        .parse()
        .map_err(|e: toml_edit::TomlError| fm_error(Format::Toml, e.message().to_string()))?;
    let existing = doc
        .iter()
        .map(|(k, _)| k.to_string())
        .find(|k| k.eq_ignore_ascii_case(key))
        .unwrap_or_else(|| key.to_string());
    let item = match value {
        FieldValue::Remove => {
            toml_remove(&mut doc, &existing);
            return Ok(doc.to_string());
        }
        FieldValue::Text(t) => toml_edit::value(t.as_str()),
        FieldValue::Bool(b) => toml_edit::value(*b),
        FieldValue::Date(d) => match (
            d.parse::<toml_edit::Datetime>(),
            doc.get(&existing).and_then(|i| i.as_str()),
        ) {
            (Ok(dt), None) => toml_edit::value(dt),
            _ => toml_edit::value(d.as_str()),
        },
        FieldValue::List(items) => {
            let mut arr = toml_edit::Array::new();
            for i in items {
                arr.push(i.as_str());
            }
            toml_edit::value(arr)
        }
    };
    match doc.get_mut(&existing).and_then(|i| i.as_value_mut()) {
        Some(v) => {
            let decor = v.decor().clone();
            if let Ok(mut new) = item.into_value() {
                *new.decor_mut() = decor;
                *v = new;
            }
        }
        None => {
            doc.insert(&existing, item);
        }
    }
    Ok(doc.to_string())
}

/// `parent.child` (PaperMod's `cover.image`): the child is edited inside the parent's block
/// with the same lossless editors; a new parent is added when needed.
fn nested_set(
    inner: &str,
    format: Format,
    key: &str,
    value: &FieldValue,
) -> Result<String, FmError> {
    let (parent, child) = key.split_once('.').unwrap_or((key, ""));
    match format {
        Format::Yaml => yaml_nested(inner, parent, child, value),
        Format::Toml => {
            let mut doc: toml_edit::DocumentMut =
                inner.parse().map_err(|e: toml_edit::TomlError| {
                    fm_error(Format::Toml, e.message().to_string())
                })?;
            let written = doc
                .iter()
                .map(|(k, _)| k.to_string())
                .find(|k| k.eq_ignore_ascii_case(parent))
                .unwrap_or_else(|| parent.to_string());
            if doc.get(&written).is_none() {
                if *value == FieldValue::Remove {
                    return Ok(inner.to_string());
                }
                doc.insert(&written, toml_edit::Item::Table(toml_edit::Table::new()));
            }
            let Some(table) = doc.get_mut(&written).and_then(|i| i.as_table_like_mut()) else {
                return Err(fm_error(format, format!("`{written}` is not a table")));
            };
            let mut sub = toml_edit::DocumentMut::new();
            for (k, v) in table.iter() {
                sub.insert(k, v.clone());
            }
            let edited: toml_edit::DocumentMut =
                toml_set(&sub.to_string(), child, value)?.parse().map_err(
                    |e: toml_edit::TomlError| fm_error(Format::Toml, e.message().to_string()),
                )?;
            let child_key = edited
                .iter()
                .map(|(k, _)| k.to_string())
                .find(|k| k.eq_ignore_ascii_case(child));
            let existing = table
                .iter()
                .map(|(k, _)| k.to_string())
                .find(|k| k.eq_ignore_ascii_case(child));
            match (child_key, existing) {
                (Some(k), Some(old)) => {
                    if let (Some(new), Some(slot)) = (edited.get(&k).cloned(), table.get_mut(&old))
                    {
                        let decor = slot.as_value().map(|v| v.decor().clone());
                        *slot = new;
                        if let (Some(decor), Some(v)) = (decor, slot.as_value_mut()) {
                            *v.decor_mut() = decor;
                        }
                    }
                }
                (Some(k), None) => {
                    if let Some(new) = edited.get(&k).cloned() {
                        table.insert(&k, new);
                    }
                }
                (None, Some(old)) => {
                    table.remove(&old);
                }
                (None, None) => {}
            }
            Ok(doc.to_string())
        }
        Format::Json | Format::HexoJson => {
            let bare = format == Format::HexoJson;
            let current = json::get(inner, bare, parent).map_err(|e| fm_error(format, e))?;
            let object = current.unwrap_or_else(|| "{}".to_string());
            let new = match value {
                FieldValue::Remove => json::set(&object, false, child, None),
                FieldValue::Text(t) | FieldValue::Date(t) => {
                    json::set(&object, false, child, Some(&Value::String(t.clone())))
                }
                FieldValue::Bool(b) => json::set(&object, false, child, Some(&Value::Bool(*b))),
                FieldValue::List(items) => json::set(
                    &object,
                    false,
                    child,
                    Some(&Value::Array(
                        items.iter().cloned().map(Value::String).collect(),
                    )),
                ),
            }
            .map_err(|e| fm_error(format, e))?;
            let parsed: Value =
                serde_json::from_str(&new).map_err(|e| fm_error(format, e.to_string()))?;
            json::set_raw(inner, bare, parent, &new, &parsed).map_err(|e| fm_error(format, e))
        }
    }
}

fn yaml_nested(
    inner: &str,
    parent: &str,
    child: &str,
    value: &FieldValue,
) -> Result<String, FmError> {
    let eol = if inner.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = inner.split_inclusive('\n').collect();
    let Some(start) = lines.iter().position(|l| is_key_line(l, parent)) else {
        if *value == FieldValue::Remove {
            return Ok(inner.to_string());
        }
        let mut out = inner.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        out.push_str(&format!(
            "{parent}:{eol}  {}",
            yaml_line(child, value, None, eol)
        ));
        return Ok(out);
    };
    let head = lines[start];
    if !head[parent.len()..]
        .trim_start_matches([' ', '\t'])
        .trim_start_matches(':')
        .trim()
        .is_empty()
    {
        return Err(fm_error(
            Format::Yaml,
            format!("`{parent}` is written on one line; edit it in the raw front matter"),
        ));
    }
    let end = block_end(&lines, start, |l| l.starts_with([' ', '\t']));
    let block = &lines[start + 1..end];
    let indent = block
        .iter()
        .find(|l| !l.trim().is_empty())
        .map(|l| l[..l.len() - l.trim_start().len()].to_string())
        .unwrap_or_else(|| "  ".to_string());
    let dedented: String = block
        .iter()
        .map(|l| l.strip_prefix(indent.as_str()).unwrap_or(l))
        .collect();
    let edited = yaml_set(&dedented, start + 2, child, value)?;
    let reindented: String = edited
        .split_inclusive('\n')
        .map(|l| {
            if l.trim().is_empty() {
                l.to_string()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect();
    let mut out: String = lines[..start].concat();
    if !reindented.trim().is_empty() {
        out.push_str(head);
        out.push_str(&reindented);
    }
    out.push_str(&lines[end..].concat());
    Ok(out)
}

/// Removes a key; comment lines written above it belong to the document, not to the key,
/// and move to whatever follows.
fn toml_remove(doc: &mut toml_edit::DocumentMut, key: &str) {
    let raw = |d: &toml_edit::Decor| {
        d.prefix()
            .and_then(|p| p.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let table = doc.as_table_mut();
    let prefix = table
        .key(key)
        .map(|k| raw(k.leaf_decor()))
        .unwrap_or_default();
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let next = keys.iter().skip_while(|k| *k != key).nth(1).cloned();
    table.remove(key);
    if !prefix.contains('#') {
        return;
    }
    let Some(next) = next else {
        let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
        doc.set_trailing(format!("{prefix}{trailing}"));
        return;
    };
    let table = doc.as_table_mut();
    if let Some(sub) = table.get_mut(&next).and_then(|i| i.as_table_mut()) {
        let old = raw(sub.decor());
        sub.decor_mut().set_prefix(format!("{prefix}{old}"));
    } else if let Some(mut k) = table.key_mut(&next) {
        let old = raw(k.leaf_decor());
        k.leaf_decor_mut().set_prefix(format!("{prefix}{old}"));
    }
}

fn json_set(inner: &str, format: Format, key: &str, value: &FieldValue) -> Result<String, FmError> {
    let new = match value {
        FieldValue::Remove => None,
        FieldValue::Text(t) | FieldValue::Date(t) => Some(Value::String(t.clone())),
        FieldValue::Bool(b) => Some(Value::Bool(*b)),
        FieldValue::List(items) => Some(Value::Array(
            items.iter().cloned().map(Value::String).collect(),
        )),
    };
    json::set(inner, format == Format::HexoJson, key, new.as_ref()).map_err(|e| fm_error(format, e))
}

mod json;
mod list;

pub use list::{ItemEdit, edit_list};

#[cfg(test)]
mod tests;
