//! Front matter: find it by byte range (the body is never touched), parse it to an ordered
//! map, and give a typed view of the fields that matter while keeping every other key.

use serde::Serialize;
use serde_json::{Map, Value};

/// How a post's front matter is written.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// `---` … `---`
    Yaml,
    /// `+++` … `+++`
    Toml,
    /// A bare `{ … }` object (Hugo).
    Json,
    /// Hexo's JSON ended by `;;;`.
    HexoJson,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json | Format::HexoJson => "JSON",
        }
    }
}

/// Where the front matter and the body are in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Option<Format>,
    /// The front matter's own text, without delimiters.
    pub inner: &'a str,
    /// Byte offset of `inner` in the file.
    pub inner_start: usize,
    /// Byte offset where the body starts.
    pub body_start: usize,
    /// The body, byte-identical to the file from `body_start`.
    pub body: &'a str,
}

impl Split<'_> {
    /// 1-based line of the file where the body starts.
    pub fn body_line(&self, text: &str) -> usize {
        line_at(text, self.body_start)
    }
}

/// A front-matter problem with its 1-based line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FmError {
    pub line: usize,
    pub format: &'static str,
    pub message: String,
}

/// 1-based line number of a byte offset.
pub fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Byte offset just past the line starting at `start`, and that line without its ending.
fn line_from(text: &str, start: usize) -> (&str, usize) {
    let rest = &text[start..];
    match rest.find('\n') {
        Some(i) => (
            rest[..i].strip_suffix('\r').unwrap_or(&rest[..i]),
            start + i + 1,
        ),
        None => (rest.strip_suffix('\r').unwrap_or(rest), text.len()),
    }
}

fn no_front_matter(text: &str, start: usize) -> Split<'_> {
    Split {
        format: None,
        inner: "",
        inner_start: start,
        body_start: start,
        body: &text[start..],
    }
}

/// Splits a post into front matter and body. `hexo` also accepts Hexo's JSON (`;;;`) and its
/// front matter without an opening `---`.
pub fn split(text: &str, hexo: bool) -> Result<Split<'_>, FmError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (first, after_first) = line_from(text, start);
    let first = first.trim_end();
    let delimited = match first {
        "---" => Some((Format::Yaml, &["---", "..."][..])),
        "+++" => Some((Format::Toml, &["+++"][..])),
        ";;;" if hexo => Some((Format::HexoJson, &[";;;"][..])),
        _ => None,
    };
    if let Some((format, closers)) = delimited {
        let mut pos = after_first;
        while pos < text.len() {
            let (line, next) = line_from(text, pos);
            if closers.contains(&line.trim_end()) {
                return Ok(Split {
                    format: Some(format),
                    inner: &text[after_first..pos],
                    inner_start: after_first,
                    body_start: next,
                    body: &text[next..],
                });
            }
            pos = next;
        }
        return Err(FmError {
            line: line_at(text, start),
            format: format.name(),
            message: format!("opened with `{first}` but never closed"),
        });
    }
    if text[start..].starts_with('{') {
        return split_json_object(text, start);
    }
    if hexo {
        return Ok(split_hexo_open(text, start).unwrap_or_else(|| no_front_matter(text, start)));
    }
    Ok(no_front_matter(text, start))
}

/// Hugo's bare JSON object: the first `{ … }` balanced outside strings.
fn split_json_object(text: &str, start: usize) -> Result<Split<'_>, FmError> {
    let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
    for (i, c) in text[start..].char_indices() {
        if in_str {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let end = start + i + 1;
                    let (_, body_start) = line_from(text, end);
                    return Ok(Split {
                        format: Some(Format::Json),
                        inner: &text[start..end],
                        inner_start: start,
                        body_start,
                        body: &text[body_start..],
                    });
                }
            }
            _ => {}
        }
    }
    Err(FmError {
        line: line_at(text, start),
        format: "JSON",
        message: "the `{` that opens it is never closed".into(),
    })
}

/// Hexo also takes front matter with no opening delimiter: `key: value` lines up to a `---`
/// (YAML) or `;;;` (JSON) line.
fn split_hexo_open(text: &str, start: usize) -> Option<Split<'_>> {
    let mut pos = start;
    while pos < text.len() {
        let (line, next) = line_from(text, pos);
        let delim = line.trim_end();
        if delim.len() >= 3
            && (delim.bytes().all(|b| b == b'-') || delim.bytes().all(|b| b == b';'))
        {
            if pos == start {
                return None;
            }
            let format = if delim.starts_with(';') {
                Format::HexoJson
            } else {
                Format::Yaml
            };
            let inner = &text[start..pos];
            let looks_like_fm = match format {
                Format::Yaml => {
                    matches!(yaml_serde::from_str::<Value>(inner), Ok(Value::Object(_)))
                }
                _ => true,
            };
            return looks_like_fm.then(|| Split {
                format: Some(format),
                inner,
                inner_start: start,
                body_start: next,
                body: &text[next..],
            });
        }
        pos = next;
    }
    None
}

/// Parses front matter text to an ordered map. `first_line` is the file line of `inner`.
pub fn parse(
    format: Format,
    inner: &str,
    first_line: usize,
) -> Result<Map<String, Value>, FmError> {
    let err = |line: usize, message: String| FmError {
        line: first_line + line.saturating_sub(1),
        format: format.name(),
        message,
    };
    let value = match format {
        Format::Yaml => {
            if inner.trim().is_empty() {
                return Ok(Map::new());
            }
            yaml_serde::from_str::<Value>(inner).map_err(|e| {
                let line = e.location().map_or(1, |l| l.line());
                err(line, first_sentence(&e.to_string()))
            })?
        }
        Format::Toml => {
            let table = inner.parse::<toml::Table>().map_err(|e| {
                let line = e.span().map_or(1, |s| line_at(inner, s.start));
                err(line, first_sentence(e.message()))
            })?;
            Value::Object(toml_table(table))
        }
        Format::Json => serde_json::from_str::<Value>(inner)
            .map_err(|e| err(e.line(), first_sentence(&e.to_string())))?,
        Format::HexoJson => {
            let trimmed = inner.trim();
            let wrapped = if trimmed.starts_with('{') {
                trimmed.to_string()
            } else {
                format!("{{{trimmed}}}")
            };
            serde_json::from_str::<Value>(&wrapped)
                .map_err(|e| err(e.line(), first_sentence(&e.to_string())))?
        }
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        other => Err(err(
            1,
            format!("expected key-value pairs, found {}", kind(&other)),
        )),
    }
}

fn first_sentence(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    // yaml_serde appends " at line N column M"; the line is reported separately.
    match line.find(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

fn toml_table(table: toml::Table) -> Map<String, Value> {
    table.into_iter().map(|(k, v)| (k, toml_value(v))).collect()
}

fn toml_value(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_value).collect()),
        toml::Value::Table(t) => Value::Object(toml_table(t)),
    }
}

/// Case-insensitive lookup, as Hugo lower-cases every front-matter key.
pub fn get<'m>(map: &'m Map<String, Value>, key: &str) -> Option<&'m Value> {
    map.get(key).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// A scalar as text (dates, numbers and strings alike).
pub fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A boolean the way Go's `cast.ToBool` and YAML 1.1 read it.
pub fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|i| i != 0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "t" | "1" | "yes" | "y" | "on" => Some(true),
            "false" | "f" | "0" | "no" | "n" | "off" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A list of names: a list of scalars, or one string (split on white space when `split`).
pub fn as_list(v: &Value, split: bool) -> Vec<String> {
    match v {
        Value::Array(items) => items
            .iter()
            .flat_map(|i| match i {
                Value::Array(inner) => inner.iter().filter_map(as_text).collect::<Vec<_>>(),
                other => as_text(other).into_iter().collect(),
            })
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Value::String(s) if split => s.split_whitespace().map(str::to_string).collect(),
        Value::String(s) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Value::Number(_) | Value::Bool(_) => as_text(v).into_iter().collect(),
        _ => Vec::new(),
    }
}
