//! Lossless edits of JSON front matter: the member's value is replaced in place, a removed
//! member takes its own line and comma with it, a new one copies its neighbour's indent.

use serde_json::Value;

/// One top-level member, as byte offsets into the text.
struct Member {
    key: String,
    /// Where the key's opening quote is.
    start: usize,
    value_start: usize,
    /// Just after the value (trailing spaces excluded).
    value_end: usize,
    /// The comma after the value, if any.
    comma: Option<usize>,
}

struct Object {
    members: Vec<Member>,
    /// After the opening `{` (0 for Hexo's bare members).
    open_end: usize,
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Just after the string starting at `i` (a `"`).
fn skip_string(b: &[u8], mut i: usize) -> Result<usize, String> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err("unterminated string".into())
}

/// Just after the value starting at `i`: stops at `,` or a closing bracket at depth 0.
fn skip_value(b: &[u8], mut i: usize) -> Result<usize, String> {
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i = skip_string(b, i)?;
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth == 0 => return Ok(i),
            b']' | b'}' => depth -= 1,
            b',' if depth == 0 => return Ok(i),
            _ => {}
        }
        i += 1;
    }
    Ok(i)
}

/// Refuses an object that sets `key` twice: which one counts differs between readers, so an
/// edit of either could silently do nothing.
fn once(obj: &Object, key: &str) -> Result<(), String> {
    if obj
        .members
        .iter()
        .filter(|m| m.key.eq_ignore_ascii_case(key))
        .count()
        > 1
    {
        return Err(format!("`{key}` is set twice: remove one, then edit it"));
    }
    Ok(())
}

fn scan(text: &str, bare: bool) -> Result<Object, String> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if !bare {
        if b.get(i) != Some(&b'{') {
            return Err("expected `{`".into());
        }
        i += 1;
    }
    let open_end = i;
    let mut members = Vec::new();
    loop {
        i = skip_ws(b, i);
        match b.get(i) {
            None | Some(b'}') => break,
            Some(b'"') => {}
            Some(c) => return Err(format!("unexpected `{}`", *c as char)),
        }
        let start = i;
        let key_end = skip_string(b, i)?;
        let key: String = serde_json::from_str(&text[start..key_end]).map_err(|e| e.to_string())?;
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return Err(format!("expected `:` after \"{key}\""));
        }
        let value_start = skip_ws(b, i + 1);
        let after = skip_value(b, value_start)?;
        let value_end = value_start + text[value_start..after].trim_end().len();
        let comma = (b.get(after) == Some(&b',')).then_some(after);
        i = comma.map_or(after, |c| c + 1);
        members.push(Member {
            key,
            start,
            value_start,
            value_end,
            comma,
        });
        if comma.is_none() {
            break;
        }
    }
    Ok(Object { members, open_end })
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The new value's text, multi-line when the old one was.
fn render(value: &Value, old: Option<&str>, text: &str, member_indent: &str) -> String {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    match value {
        Value::Array(items) if old.is_some_and(|o| o.contains('\n')) && !items.is_empty() => {
            let old = old.unwrap_or_default();
            let item_indent = old
                .lines()
                .nth(1)
                .map(|l| &l[..l.len() - l.trim_start().len()])
                .unwrap_or("  ");
            let body: Vec<String> = items
                .iter()
                .map(|v| {
                    format!(
                        "{item_indent}{}",
                        serde_json::to_string(v).unwrap_or_default()
                    )
                })
                .collect();
            format!(
                "[{eol}{}{eol}{member_indent}]",
                body.join(&format!(",{eol}"))
            )
        }
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|v| serde_json::to_string(v).unwrap_or_default())
                .collect();
            format!("[{}]", parts.join(", "))
        }
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// Where `key`'s value is in the text (byte range), if the object has it.
pub fn span(text: &str, bare: bool, key: &str) -> Result<Option<std::ops::Range<usize>>, String> {
    let obj = scan(text, bare)?;
    once(&obj, key)?;
    Ok(obj
        .members
        .iter()
        .find(|m| m.key.eq_ignore_ascii_case(key))
        .map(|m| m.value_start..m.value_end))
}

/// The text of `key`'s value, if the object has it.
pub fn get(text: &str, bare: bool, key: &str) -> Result<Option<String>, String> {
    Ok(span(text, bare, key)?.map(|r| text[r].to_string()))
}

/// Sets `key` to `raw` (already JSON text for `value`) in place, or adds it.
pub fn set_raw(
    text: &str,
    bare: bool,
    key: &str,
    raw: &str,
    value: &Value,
) -> Result<String, String> {
    let obj = scan(text, bare)?;
    once(&obj, key)?;
    match obj.members.iter().find(|m| m.key.eq_ignore_ascii_case(key)) {
        Some(m) => Ok(format!(
            "{}{raw}{}",
            &text[..m.value_start],
            &text[m.value_end..]
        )),
        None => set(text, bare, key, Some(value)),
    }
}

/// Sets (or, with `None`, removes) `key` in the JSON object `text` (Hexo: `bare` members
/// without braces). Every other byte stays as it was.
pub fn set(text: &str, bare: bool, key: &str, value: Option<&Value>) -> Result<String, String> {
    let obj = scan(text, bare)?;
    once(&obj, key)?;
    let found = obj
        .members
        .iter()
        .position(|m| m.key.eq_ignore_ascii_case(key));
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    match (found, value) {
        (Some(i), Some(v)) => {
            let m = &obj.members[i];
            let indent = &text[line_start(text, m.start)..m.start];
            let indent = if indent.trim().is_empty() { indent } else { "" };
            let new = render(v, Some(&text[m.value_start..m.value_end]), text, indent);
            Ok(format!(
                "{}{new}{}",
                &text[..m.value_start],
                &text[m.value_end..]
            ))
        }
        (Some(i), None) => {
            let m = &obj.members[i];
            let (from, to) = match (m.comma, i.checked_sub(1)) {
                (Some(c), _) => {
                    let ls = line_start(text, m.start);
                    let alone = text[ls..m.start].trim().is_empty();
                    let from = if alone { ls } else { m.start };
                    let mut to = skip_ws_inline(text, c + 1);
                    if alone && text[to..].starts_with(eol) {
                        to += eol.len();
                    } else if !alone {
                        to = skip_ws(text.as_bytes(), c + 1);
                    }
                    (from, to)
                }
                (None, Some(prev)) => (obj.members[prev].value_end, m.value_end),
                (None, None) => (m.start, m.value_end),
            };
            Ok(format!("{}{}", &text[..from], &text[to..]))
        }
        (None, None) => Ok(text.to_string()),
        (None, Some(v)) => {
            let key_text = serde_json::to_string(key).unwrap_or_default();
            match obj.members.last() {
                Some(last) => {
                    let indent = &text[line_start(text, last.start)..last.start];
                    let multiline = indent.trim().is_empty();
                    let sep = if multiline {
                        format!(",{eol}{indent}")
                    } else {
                        ", ".to_string()
                    };
                    let new = render(v, None, text, indent);
                    Ok(format!(
                        "{}{sep}{key_text}: {new}{}",
                        &text[..last.value_end],
                        &text[last.value_end..]
                    ))
                }
                None if bare => Ok(format!(
                    "{key_text}: {}{eol}{text}",
                    render(v, None, text, "")
                )),
                None => Ok(format!(
                    "{}{eol}  {key_text}: {}{eol}{}",
                    &text[..obj.open_end],
                    render(v, None, text, "  "),
                    text[obj.open_end..].trim_start()
                )),
            }
        }
    }
}

fn skip_ws_inline(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DOC: &str = "{\n    \"title\" : \"Old\",\n    \"date\": \"2024-01-02\",\n    \"tags\": [\"a\",\"b\"],\n    \"draft\": true\n}\n";

    #[test]
    fn replacing_keeps_every_other_byte() {
        let out = set(DOC, false, "title", Some(&json!("新"))).unwrap();
        assert_eq!(out, DOC.replace("\"Old\"", "\"新\""));
        let out = set(DOC, false, "TAGS", Some(&json!(["a", "c"]))).unwrap();
        assert_eq!(out, DOC.replace("[\"a\",\"b\"]", "[\"a\", \"c\"]"));
    }

    #[test]
    fn removing_and_adding_members() {
        let out = set(DOC, false, "date", None).unwrap();
        assert_eq!(out, DOC.replace("    \"date\": \"2024-01-02\",\n", ""));
        let out = set(DOC, false, "draft", None).unwrap();
        assert_eq!(out, DOC.replace(",\n    \"draft\": true", ""));
        let out = set(DOC, false, "slug", Some(&json!("x"))).unwrap();
        assert_eq!(
            out,
            DOC.replace("\"draft\": true", "\"draft\": true,\n    \"slug\": \"x\"")
        );
        assert_eq!(
            set("{}", false, "a", Some(&json!(1))).unwrap(),
            "{\n  \"a\": 1\n}"
        );
    }

    #[test]
    fn multi_line_arrays_stay_multi_line_and_hexo_members_are_bare() {
        let doc = "{\r\n  \"tags\": [\r\n    \"x\"\r\n  ]\r\n}\r\n";
        let out = set(doc, false, "tags", Some(&json!(["x", "y"]))).unwrap();
        assert_eq!(
            out,
            "{\r\n  \"tags\": [\r\n    \"x\",\r\n    \"y\"\r\n  ]\r\n}\r\n"
        );
        let hexo = "\"title\": \"Hi\",\n\"tags\": [\"a\"]\n";
        let out = set(hexo, true, "tags", Some(&json!([]))).unwrap();
        assert_eq!(out, "\"title\": \"Hi\",\n\"tags\": []\n");
        assert!(
            set("{\"a\" 1}", false, "a", None).is_err(),
            "a broken object is an error, not a guess"
        );
    }
}
