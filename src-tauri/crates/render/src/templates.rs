//! Template tags in a post: Hugo shortcodes, Jekyll's Liquid and Hexo's Nunjucks tags run
//! over the text before its Markdown. The preview cannot run them, so it shows what they make
//! when that is known without the site's templates (an image, a code block, an address) and
//! a card naming them otherwise; never raw braces in the prose.
//!
//! How: before parsing, each tag on one line is replaced by a token of exactly its byte length
//! (a private-use mark, lowercase letters from a hash of the tag, a `Z`), so every offset and
//! line number stays that of the text as written, and the Markdown around the tag parses as
//! it will on the site (`[a]({{< ref "b.md" >}})` is a link). A paired code tag on its own
//! lines (`{{< highlight go >}}`, `{% highlight %}`, `{% codeblock %}`) becomes a code fence of
//! the same length. The transform then turns each token back into a card, or into the tag's
//! text inside code and raw HTML. Nothing inside a fenced code block is touched.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::{Flavor, Templates};

mod cards;

pub(crate) use cards::{Shown, address, show, text_of};

/// Ends a token (its letters are lowercase).
const END: u8 = b'Z';

/// A tag as written, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    pub(crate) source: String,
    pub(crate) kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Writes this text (Hugo's `{{</* x */>}}` writes `{{< x >}}`).
    Literal(String),
    /// Writes nothing: a comment, `{% raw %}` and its end.
    Hidden,
    /// A shortcode or tag call: its name (`/name` or `endname` for a closing one) and
    /// arguments, quotes removed.
    Call { name: String, args: Vec<String> },
    /// `{{ expression }}` (Liquid, Nunjucks).
    Output(String),
}

/// The text to parse, and what each token stands for. The marks are characters the post does
/// not contain: a private-use one starts a token; two control characters stand beside a `$`
/// that was `\(` or `\)` (`pad`) and for a `$` the site does not read as math (`dollar`).
#[derive(Debug)]
pub(crate) struct Masked<'a> {
    pub(crate) text: Cow<'a, str>,
    tags: HashMap<String, Tag>,
    mark: char,
    pad: char,
    dollar: char,
}

/// A part of a text that may hold tokens.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece<'s> {
    Text(&'s str),
    Token(&'s str),
}

impl Masked<'_> {
    /// The tag a token stands for.
    pub(crate) fn tag(&self, token: &str) -> Option<&Tag> {
        self.tags.get(token)
    }

    /// Whether `s` holds anything the masking put there.
    pub(crate) fn touched(&self, s: &str) -> bool {
        !self.tags.is_empty() && s.contains(self.mark) || s.contains([self.pad, self.dollar])
    }

    /// Whether `s` holds a token.
    pub(crate) fn has_token(&self, s: &str) -> bool {
        !self.tags.is_empty() && s.contains(self.mark)
    }

    /// `s` as it was written: every token back as its tag's text, `\(`, `\)` and `$` as typed
    /// (for code and raw HTML, which show what was written).
    pub(crate) fn restore<'s>(&self, s: &'s str) -> Cow<'s, str> {
        if !self.touched(s) {
            return Cow::Borrowed(s);
        }
        let mut out = String::with_capacity(s.len());
        for piece in self.split(s) {
            match piece {
                Piece::Text(t) => out.push_str(&self.unpad(t, "\\(", "\\)")),
                Piece::Token(tok) => match self.tag(tok) {
                    Some(tag) => out.push_str(&tag.source),
                    None => out.push_str(tok),
                },
            }
        }
        Cow::Owned(out)
    }

    /// Prose as the site shows it: a `\(` that is no math is Markdown's escaped `(`.
    pub(crate) fn prose<'s>(&self, s: &'s str) -> Cow<'s, str> {
        if s.contains([self.pad, self.dollar]) {
            Cow::Owned(self.unpad(s, "(", ")"))
        } else {
            Cow::Borrowed(s)
        }
    }

    fn unpad(&self, s: &str, open: &str, close: &str) -> String {
        let (p, d) = (self.pad, self.dollar);
        s.replace(&format!("{p}$"), open)
            .replace(&format!("${p}"), close)
            .replace(p, "")
            .replace(d, "$")
    }

    /// Splits text into plain runs and tokens.
    pub(crate) fn split<'s>(&self, s: &'s str) -> Vec<Piece<'s>> {
        let mark = self.mark;
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find(mark) {
            let after = &rest[i + mark.len_utf8()..];
            let letters = after.bytes().take_while(u8::is_ascii_lowercase).count();
            if after.as_bytes().get(letters) == Some(&END) {
                if i > 0 {
                    out.push(Piece::Text(&rest[..i]));
                }
                let end = i + mark.len_utf8() + letters + 1;
                out.push(Piece::Token(&rest[i..end]));
                rest = &rest[end..];
            } else {
                let end = i + mark.len_utf8();
                out.push(Piece::Text(&rest[..end]));
                rest = &rest[end..];
            }
        }
        if !rest.is_empty() {
            out.push(Piece::Text(rest));
        }
        out
    }
}

fn token_for(mark: char, source: &str, len: usize, attempt: u64) -> String {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    let hasher = BuildHasherDefault::<DefaultHasher>::default();
    let mut t = String::with_capacity(len);
    t.push(mark);
    let mut round = 0u64;
    let mut h = hasher.hash_one((source, attempt, round));
    let mut left = 13; // letters drawn from one 64-bit hash
    while t.len() < len - 1 {
        if left == 0 {
            round += 1;
            h = hasher.hash_one((source, attempt, round));
            left = 13;
        }
        t.push(char::from(b'a' + (h % 26) as u8));
        h /= 26;
        left -= 1;
    }
    t.push(char::from(END));
    t
}

/// The shortest tag a token can stand for: the mark, one letter and the end.
const MIN_TAG: usize = 3 + 2;

/// Lines looked at, past a paired code tag's opening, for its end.
const PAIR_LOOKAHEAD: usize = 2000;

/// Replaces the template tags of `md` (and, for math, `\(…\)`, a `\[`/`\]` line and a `$` the
/// site does not read as math) with text of the same byte length that Markdown parses as the
/// site's output would be parsed.
pub(crate) fn mask<'a>(md: &'a str, flavor: &Flavor) -> Masked<'a> {
    let has_tags = match flavor.templates {
        Templates::None => false,
        Templates::Hugo => md.contains("{{<") || md.contains("{{%"),
        Templates::Liquid | Templates::Nunjucks => {
            md.contains("{%") || md.contains("{{") || md.contains("{#")
        }
    };
    let parens = flavor.math && flavor.math_parens && (md.contains("\\(") || md.contains("\\["));
    let dollars = flavor.math && !flavor.math_inline_dollar && md.contains('$');
    // Marks the post does not contain (it may, in principle, hold any character).
    let mark = ('\u{E000}'..='\u{E0FF}').find(|c| !md.contains(*c));
    let mut controls = ('\u{1}'..='\u{8}').filter(|c| !md.contains(*c));
    let (pad, dollar) = (controls.next(), controls.next());
    let (Some(mark), Some(pad), Some(dollar)) = (mark, pad, dollar) else {
        return Masked {
            text: Cow::Borrowed(md),
            tags: HashMap::new(),
            mark: '\u{E000}',
            pad: '\u{1}',
            dollar: '\u{2}',
        };
    };
    let unmasked = |text| Masked {
        text,
        tags: HashMap::new(),
        mark,
        pad,
        dollar,
    };
    if !(has_tags || parens || dollars) {
        return unmasked(Cow::Borrowed(md));
    }
    let mut m = Masker {
        flavor: *flavor,
        tags: HashMap::new(),
        sources: HashMap::new(),
        mark,
        pad,
        dollar,
        no_end: Vec::new(),
    };
    let lines: Vec<&str> = md.split_inclusive('\n').collect();
    let mut out = String::with_capacity(md.len());
    let mut fence: Option<(u8, usize)> = None;
    let mut closes_at: Option<(usize, String)> = None;
    // Inside `{% raw %}` or `{% comment %}`: the end tag awaited.
    let mut raw: Option<&'static str> = None;
    let mut i = 0;
    while i < lines.len() {
        let full = lines[i];
        let line = full.trim_end_matches(['\n', '\r']);
        let eol = &full[line.len()..];
        i += 1;
        if let Some((at, close)) = &closes_at {
            if i - 1 == *at {
                out.push_str(close);
                out.push_str(eol);
                closes_at = None;
            } else {
                out.push_str(full);
            }
            continue;
        }
        if let Some((ch, n)) = fence {
            if is_fence_close(line, ch, n) {
                fence = None;
            }
            out.push_str(full);
            continue;
        }
        if let Some(f) = fence_open(line) {
            fence = Some(f);
            out.push_str(full);
            continue;
        }
        if parens && matches!(line.trim(), "\\[" | "\\]") {
            out.push_str(&line.replacen("\\[", "$$", 1).replacen("\\]", "$$", 1));
            out.push_str(eol);
            continue;
        }
        if has_tags
            && raw.is_none()
            && let Some((open, close, close_line)) = m.code_pair(line, &lines[i..])
        {
            out.push_str(&open);
            out.push_str(eol);
            closes_at = Some((i + close_line, close));
            continue;
        }
        let masked = m.line(line, &mut raw, has_tags, parens, dollars);
        debug_assert_eq!(masked.len(), line.len());
        out.push_str(&masked);
        out.push_str(eol);
    }
    debug_assert_eq!(out.len(), md.len());
    if out.len() != md.len() {
        // Never parse a text whose offsets are not the post's.
        return unmasked(Cow::Borrowed(md));
    }
    Masked {
        text: Cow::Owned(out),
        tags: m.tags,
        mark,
        pad,
        dollar,
    }
}

/// A fence's opening line: its character and length (CommonMark: up to three spaces, then
/// three or more backticks or tildes; a backtick fence's info has no backtick).
fn fence_open(line: &str) -> Option<(u8, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let ch = *t.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|&b| b == ch).count();
    (n >= 3 && !(ch == b'`' && t[n..].contains('`'))).then_some((ch, n))
}

fn is_fence_close(line: &str, ch: u8, n: usize) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let k = t.bytes().take_while(|&b| b == ch).count();
    k >= n && t[k..].trim().is_empty()
}

struct Masker {
    flavor: Flavor,
    tags: HashMap<String, Tag>,
    /// The token given to each tag text.
    sources: HashMap<String, String>,
    mark: char,
    pad: char,
    dollar: char,
    /// End tags known to appear on no later line (their search is not repeated).
    no_end: Vec<String>,
}

/// The part of a line before a tag that only places it: indentation and `>` of quotes.
fn container_prefix(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t', '>']).len()
}

impl Masker {
    /// A token for `tag`, unique in this text: a different tag never gets the same one.
    fn token(&mut self, tag: Tag) -> String {
        if let Some(t) = self.sources.get(&tag.source) {
            return t.clone();
        }
        let len = tag.source.len();
        let mut attempt = 0;
        let token = loop {
            let t = token_for(self.mark, &tag.source, len, attempt);
            if !self.tags.contains_key(&t) || attempt > 64 {
                break t;
            }
            attempt += 1;
        };
        self.sources.insert(tag.source.clone(), token.clone());
        self.tags.insert(token.clone(), tag);
        token
    }

    /// The inside of a tag that fills `t` entirely (`{{< x >}}`, `{% x %}`).
    fn whole_tag<'t>(&self, t: &'t str) -> Option<&'t str> {
        match self.flavor.templates {
            Templates::Hugo => t
                .strip_prefix("{{<")
                .and_then(|r| r.strip_suffix(">}}"))
                .or_else(|| t.strip_prefix("{{%").and_then(|r| r.strip_suffix("%}}"))),
            Templates::Liquid | Templates::Nunjucks => t
                .strip_prefix("{%")
                .and_then(|r| r.strip_suffix("%}"))
                .map(|r| r.trim_start_matches('-').trim_end_matches('-')),
            Templates::None => None,
        }
    }

    /// A paired code tag alone on this line (after a list's indentation or a quote's `>`)
    /// with its end alone on a later one: the lines that replace both (the tags as fences,
    /// what places them kept), and which later line the end is on.
    fn code_pair(&mut self, line: &str, after: &[&str]) -> Option<(String, String, usize)> {
        let prefix = container_prefix(line);
        let tag_text = line[prefix..].trim_end();
        let (name, args) = call(self.whole_tag(tag_text)?)?;
        let lang = match (self.flavor.templates, name.as_str()) {
            (Templates::Hugo | Templates::Liquid, "highlight") => args.first().cloned(),
            (Templates::Nunjucks, "codeblock" | "code") => args
                .iter()
                .find_map(|a| a.strip_prefix("lang:").map(str::to_string)),
            _ => return None,
        }
        .unwrap_or_default();
        let end_name = match self.flavor.templates {
            Templates::Hugo => format!("/{name}"),
            _ => format!("end{name}"),
        };
        if self.no_end.contains(&end_name) {
            return None;
        }
        let found = after
            .iter()
            .take(PAIR_LOOKAHEAD)
            .enumerate()
            .find_map(|(k, l)| {
                let l = l.trim_end_matches(['\n', '\r']);
                let inner = self.whole_tag(l[container_prefix(l)..].trim_end())?;
                (inner.trim().replace(' ', "") == end_name).then_some((k, l))
            });
        let Some((k, close_line)) = found else {
            if after.len() <= PAIR_LOOKAHEAD {
                self.no_end.push(end_name);
            }
            return None;
        };
        let body = &after[..k];
        let ch = if body.iter().any(|l| l.contains("```")) {
            '~'
        } else {
            '`'
        };
        // The info string keeps the language when it fits and is one word.
        let lang: String = lang
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '`' && *c != '~')
            .collect();
        let fence: String = std::iter::repeat_n(ch, 3).collect();
        let room = line.len() - prefix;
        if room < 3 {
            return None;
        }
        let mut open = fence.clone();
        if open.len() + lang.len() <= room {
            open.push_str(&lang);
        }
        // Padded by bytes (a tag may hold multi-byte text).
        let open = format!("{}{open}{}", &line[..prefix], " ".repeat(room - open.len()));
        let close_prefix = container_prefix(close_line);
        let close_room = close_line.len() - close_prefix;
        if close_room < 3 {
            return None;
        }
        let close = format!(
            "{}{fence}{}",
            &close_line[..close_prefix],
            " ".repeat(close_room - 3)
        );
        Some((open, close, k))
    }

    /// One line outside code with its tags replaced by tokens.
    fn line(
        &mut self,
        line: &str,
        raw: &mut Option<&'static str>,
        tags: bool,
        parens: bool,
        dollars: bool,
    ) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        // Where the last closing of each kind is: no tag can end after it (linear scans on a
        // line of a thousand unclosed openings).
        let last_close = |s: &str, close: &str| s.rfind(close).map(|i| i + close.len());
        while !rest.is_empty() {
            let next = self.next_tag(rest, *raw, tags, parens, &last_close);
            let text_end = next.as_ref().map_or(rest.len(), |n| n.0);
            let text = &rest[..text_end];
            if *raw == Some("endcomment") && text.len() >= MIN_TAG {
                // A Liquid comment's text is not on the page.
                out.push_str(&self.token(Tag {
                    source: text.to_string(),
                    kind: Kind::Hidden,
                }));
            } else {
                out.push_str(&self.dollars(text, dollars));
            }
            let Some((start, end, replacement)) = next else {
                break;
            };
            match replacement {
                Some(r) => out.push_str(&r),
                None => {
                    let source = &rest[start..end];
                    let tag = classify(source, self.flavor.templates);
                    let name = source
                        .get(2..source.len() - 2)
                        .map(|i| i.trim_matches('-').trim())
                        .and_then(|i| i.split_whitespace().next())
                        .unwrap_or_default();
                    let liquid = source.starts_with("{%");
                    if liquid {
                        match name {
                            "raw" => *raw = Some("endraw"),
                            "comment" => *raw = Some("endcomment"),
                            "endraw" | "endcomment" => *raw = None,
                            _ => {}
                        }
                    }
                    let tag = match name {
                        "raw" | "endraw" | "comment" | "endcomment" if liquid => Tag {
                            source: tag.source,
                            kind: Kind::Hidden,
                        },
                        _ => tag,
                    };
                    if end - start >= MIN_TAG {
                        out.push_str(&self.token(tag));
                    } else {
                        out.push_str(&rest[start..end]);
                    }
                }
            }
            rest = &rest[end..];
        }
        out
    }

    /// Text with each `$` that is not part of `$$` as the `dollar` mark, when the site reads
    /// only `$$` as math.
    fn dollars(&self, s: &str, on: bool) -> String {
        if !on || !s.contains('$') {
            return s.to_string();
        }
        let b = s.as_bytes();
        let mut out = String::with_capacity(s.len());
        for (i, c) in s.char_indices() {
            let lone = c == '$' && b.get(i + 1) != Some(&b'$') && (i == 0 || b[i - 1] != b'$');
            out.push(if lone { self.dollar } else { c });
        }
        out
    }

    /// The next tag in `s`: its range, and `Some(text)` for math delimiters (the replacement)
    /// or `None` for a template tag.
    fn next_tag(
        &self,
        s: &str,
        raw: Option<&str>,
        tags: bool,
        parens: bool,
        last_close: &dyn Fn(&str, &str) -> Option<usize>,
    ) -> Option<(usize, usize, Option<String>)> {
        let paren_end = if parens { last_close(s, "\\)") } else { None };
        let ends: Vec<(&str, usize)> = ["}}", "%}", "#}"]
            .into_iter()
            .filter_map(|c| Some((c, last_close(s, c)?)))
            .collect();
        let mut from = 0;
        while from < s.len() {
            let rest = &s[from..];
            let i = rest.find(['{', '\\'])?;
            let at = from + i;
            let here = &s[at..];
            if paren_end.is_some_and(|e| e > at + 2) && raw.is_none() && here.starts_with("\\(") {
                let body = &here[2..];
                if let Some(close) = body.find("\\)")
                    && !body.starts_with(char::is_whitespace)
                    && close > 0
                {
                    let inner = &body[..close];
                    let mut r = String::with_capacity(close + 4);
                    r.push(self.pad);
                    r.push('$');
                    r.push_str(inner);
                    r.push('$');
                    r.push(self.pad);
                    return Some((at, at + close + 4, Some(r)));
                }
            }
            if tags
                && ends.iter().any(|(_, e)| *e > at + 2)
                && let Some(end) = self.tag_end(here, raw)
            {
                return Some((at, at + end, None));
            }
            if !ends.iter().any(|(_, e)| *e > at + 2) && paren_end.is_none_or(|e| e <= at + 2) {
                return None;
            }
            from = at + 1;
        }
        None
    }

    /// The length of the tag that `s` starts with, if it does.
    fn tag_end(&self, s: &str, raw: Option<&str>) -> Option<usize> {
        let close = match self.flavor.templates {
            Templates::Hugo => {
                if s.starts_with("{{</*") {
                    return s.find("*/>}}").map(|e| e + 5);
                }
                if s.starts_with("{{%/*") {
                    return s.find("*/%}}").map(|e| e + 5);
                }
                if s.starts_with("{{<") {
                    ">}}"
                } else if s.starts_with("{{%") {
                    "%}}"
                } else {
                    return None;
                }
            }
            Templates::Liquid | Templates::Nunjucks => {
                if s.starts_with("{%") {
                    "%}"
                } else if s.starts_with("{{") && raw.is_none() {
                    "}}"
                } else if s.starts_with("{#")
                    && raw.is_none()
                    && self.flavor.templates == Templates::Nunjucks
                {
                    "#}"
                } else {
                    return None;
                }
            }
            Templates::None => return None,
        };
        let body_from = if close.len() == 3 { 3 } else { 2 };
        let end = s[body_from..].find(close)? + body_from + close.len();
        if let Some(awaited) = raw {
            // Inside `{% raw %}` or `{% comment %}` only its end is a tag.
            let inner = s[2..end - 2].trim().trim_matches('-').trim();
            return (inner == awaited).then_some(end);
        }
        Some(end)
    }
}

/// Code as the generator shows it: Hugo runs shortcodes in code too, so its comment syntax
/// `{{</* x */>}}` shows as `{{< x >}}` there; Liquid drops `{% raw %}` and `{% endraw %}`.
pub(crate) fn code_text(code: &str, templates: Templates) -> Cow<'_, str> {
    match templates {
        Templates::Hugo if code.contains("{{</*") || code.contains("{{%/*") => Cow::Owned(
            code.replace("{{</*", "{{<")
                .replace("*/>}}", ">}}")
                .replace("{{%/*", "{{%")
                .replace("*/%}}", "%}}"),
        ),
        Templates::Liquid if code.contains("raw") && code.contains("{%") => {
            let mut out = code.to_string();
            for tag in ["{% raw %}", "{%- raw -%}", "{% endraw %}", "{%- endraw -%}"] {
                out = out.replace(tag, "");
            }
            Cow::Owned(out)
        }
        _ => Cow::Borrowed(code),
    }
}

/// The name and arguments of a call's inside (`figure src="a.png" alt="x"`).
fn call(inner: &str) -> Option<(String, Vec<String>)> {
    let words = words(inner.trim());
    let (name, args) = words.split_first()?;
    let name = name.trim();
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "/_-.:".contains(c));
    ok.then(|| (name.to_string(), args.to_vec()))
}

/// Splits on white space, keeping quoted parts (`"…"`, `'…'`, `` `…` ``) whole and unquoted,
/// also after `key=`.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' || c == '`' => {
                quote = Some(c);
                started = true;
            }
            None if c.is_whitespace() => {
                if started {
                    out.push(std::mem::take(&mut cur));
                    started = false;
                }
            }
            None => {
                cur.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(cur);
    }
    out
}

/// What a tag is, from its text.
fn classify(source: &str, templates: Templates) -> Tag {
    let kind = match templates {
        Templates::Hugo => {
            if let Some(inner) = source
                .strip_prefix("{{</*")
                .and_then(|r| r.strip_suffix("*/>}}"))
            {
                Kind::Literal(format!("{{{{<{inner}>}}}}"))
            } else if let Some(inner) = source
                .strip_prefix("{{%/*")
                .and_then(|r| r.strip_suffix("*/%}}"))
            {
                Kind::Literal(format!("{{{{%{inner}%}}}}"))
            } else {
                let inner = &source[3..source.len() - 3];
                let inner = inner.trim().trim_start_matches('/');
                let closing = source[3..].trim_start().starts_with('/');
                match call(inner) {
                    Some((name, args)) => Kind::Call {
                        name: if closing { format!("/{name}") } else { name },
                        args,
                    },
                    None => Kind::Output(inner.to_string()),
                }
            }
        }
        _ => {
            let inner = source[2..source.len() - 2].trim_matches('-').trim();
            if source.starts_with("{#") {
                Kind::Hidden
            } else if source.starts_with("{{") {
                Kind::Output(inner.to_string())
            } else {
                match call(inner) {
                    Some((name, _)) if name == "comment" || name == "endcomment" => Kind::Hidden,
                    Some((name, args)) => Kind::Call { name, args },
                    None => Kind::Output(inner.to_string()),
                }
            }
        }
    };
    Tag {
        source: source.to_string(),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The masked text as the preview shows it (an image as `img`).
    fn shown(m: &Masked<'_>) -> String {
        m.split(&m.text)
            .iter()
            .map(|p| match p {
                Piece::Text(t) => (*t).to_string(),
                Piece::Token(t) => match show(m.tag(t), t, "/") {
                    Shown::Html(h) => h,
                    Shown::Image { .. } => "img".into(),
                },
            })
            .collect()
    }

    fn flavor(t: Templates) -> Flavor {
        Flavor {
            templates: t,
            ..Flavor::hugo()
        }
    }

    #[test]
    fn tags_become_tokens_of_their_length_and_code_is_untouched() {
        let md =
            "See {{< ref \"b.md\" >}} and {{% param x %}}.\n\n```\n{{< figure src=\"x\" >}}\n```\n";
        let m = mask(md, &flavor(Templates::Hugo));
        assert_eq!(m.text.len(), md.len());
        assert!(
            !m.text.lines().next().unwrap_or_default().contains("{{"),
            "{}",
            m.text
        );
        assert!(m.text.contains("```\n{{< figure src=\"x\" >}}\n```"));
        let pieces = m.split(&m.text);
        let tokens: Vec<_> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Token(t) => m.tag(t).map(|t| t.source.clone()),
                Piece::Text(_) => None,
            })
            .collect();
        assert_eq!(tokens, ["{{< ref \"b.md\" >}}", "{{% param x %}}"]);
        assert_eq!(m.restore(&m.text), md);
    }

    #[test]
    fn paired_code_tags_become_fences_of_the_same_length() {
        let md =
            "{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< /highlight >}}\nafter\n";
        let m = mask(md, &flavor(Templates::Hugo));
        assert_eq!(m.text.len(), md.len());
        let lines: Vec<&str> = m.text.lines().collect();
        assert_eq!(lines[0].trim_end(), "```go");
        assert_eq!(lines[1], "func main() {}");
        assert_eq!(lines[2].trim_end(), "```");
        let md = "{% codeblock main.go lang:go %}\nx := 1\n{% endcodeblock %}\n";
        let m = mask(md, &flavor(Templates::Nunjucks));
        assert_eq!(m.text.lines().next().map(str::trim_end), Some("```go"));
    }

    #[test]
    fn liquid_raw_keeps_its_inside_and_hides_its_markers() {
        let md = "{% raw %}{{ page.title }}{% endraw %} and {{ page.title }}\n";
        let m = mask(md, &flavor(Templates::Liquid));
        let shown = shown(&m);
        assert!(
            shown.starts_with("{{ page.title }} and <span class=\"tpl\""),
            "{shown}"
        );
    }

    #[test]
    fn inline_math_in_parentheses_becomes_dollars() {
        let md = "a \\(x^2\\) b\n\\[\ny\n\\]\n";
        let f = Flavor {
            math: true,
            math_inline_dollar: true,
            math_parens: true,
            ..flavor(Templates::None)
        };
        let m = mask(md, &f);
        assert_eq!(m.text.len(), md.len());
        assert_eq!(m.text, "a \u{1}$x^2$\u{1} b\n$$\ny\n$$\n");
        assert_eq!(m.restore("a \u{1}$x^2$\u{1} b"), "a \\(x^2\\) b");
        // Where no math is read there, the escapes are Markdown's: `(`.
        assert_eq!(m.prose("\u{1}$x \u{1}"), "(x ");
    }

    #[test]
    fn liquid_comments_are_not_on_the_page() {
        let md = "a {% comment %}secret TODO{% endcomment %} b\n\n{% comment %}\nhidden line\n{% endcomment %}\nafter\n";
        let m = mask(md, &flavor(Templates::Liquid));
        assert_eq!(m.text.len(), md.len());
        let shown = shown(&m);
        assert!(
            !shown.contains("secret") && !shown.contains("hidden line"),
            "{shown}"
        );
        assert!(shown.contains("a  b") && shown.contains("after"), "{shown}");
    }
}
