//! Bare URLs in prose become links, as goldmark's Linkify extension (v1.5.4, Hugo 0.111) makes
//! them: `https://`, `http://`, `ftp://` and `www.` addresses with an ASCII host and a
//! lowercase top-level domain, and e-mail addresses; tried only at the start of a line or
//! after a space, `(`, `*`, `_`, `~` or another inline element (so never right after a CJK
//! letter or `（`); the URL ends at the first character outside its ASCII set (so `。` and
//! `，` stay outside), then loses one trailing `.`, unbalanced `)`, a trailing `&name;` and
//! trailing `?!.,:*_~`. A `www.` link gets the site's `linkifyProtocol` (Hugo: `https`).

use std::sync::LazyLock;

use regex::Regex;

use crate::LinkifyProtocol;

static URL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"^(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::[0-9]+)?(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'">^{}\[\]`]*)?"#,
    )
    .ok()
});
static WWW: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"^www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_+.~#!?&/=();,'">^{}\[\]`]*)?"#,
    )
    .ok()
});
static EMAIL_DOMAIN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*").ok()
});

/// One link found in a text: its byte range and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) range: std::ops::Range<usize>,
    pub(crate) href: String,
}

fn is_email_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-./=?^_`{|}~".contains(&b)
}

/// The link starting at the start of `s`, if one does: its length and href.
fn link_at(s: &str, protocol: LinkifyProtocol) -> Option<(usize, String)> {
    let b = s.as_bytes();
    let (mut end, www) = if let Some(m) = URL.as_ref()?.find(s) {
        (m.end(), false)
    } else if let Some(m) = WWW.as_ref()?.find(s) {
        (m.end(), true)
    } else {
        return email_at(s);
    };
    match b[end - 1] {
        b'.' => end -= 1,
        b')' => {
            let opened = s[..end].matches('(').count();
            let closed = s[..end].matches(')').count();
            if closed > opened {
                end -= closed - opened;
            }
        }
        b';' => {
            let mut i = end - 2;
            while i > 0 && b[i].is_ascii_alphanumeric() {
                i -= 1;
            }
            if i != end - 2 && b[i] == b'&' {
                end = i;
            }
        }
        _ => {}
    }
    end = trailing(b, end);
    if end == 0 {
        return None;
    }
    let text = &s[..end];
    let href = if www {
        let scheme = match protocol {
            LinkifyProtocol::Https => "https",
            LinkifyProtocol::Http => "http",
        };
        format!("{scheme}://{text}")
    } else {
        text.to_string()
    };
    Some((end, href))
}

/// goldmark's final trim of `?!.,:*_~` at the end.
fn trailing(b: &[u8], end: usize) -> usize {
    let mut i = end - 1;
    while i > 0 && b"?!.,:*_~".contains(&b[i]) {
        i -= 1;
    }
    i + 1
}

fn email_at(s: &str) -> Option<(usize, String)> {
    let b = s.as_bytes();
    if b.first().is_none_or(|c| c.is_ascii_punctuation()) {
        return None;
    }
    let at = b.iter().position(|&c| !is_email_byte(c))?;
    if at == 0 || b[at] != b'@' {
        return None;
    }
    let domain = EMAIL_DOMAIN.as_ref()?.find(&s[at + 1..])?;
    if !domain.as_str().contains('.') {
        return None;
    }
    let mut stop = at + 1 + domain.end();
    if b[stop - 1] == b'.' {
        stop -= 1;
    }
    if matches!(b.get(stop), Some(b'-' | b'_')) {
        return None;
    }
    let end = trailing(b, stop);
    Some((end, format!("mailto:{}", &s[..end])))
}

/// The links in `text`, a run of prose whose source starts at a trigger when `starts_open` (the
/// start of a line or right after another inline element). Positions after a space, `(`, `*`,
/// `_`, `~` or a line break are triggers too.
///
/// With the typographer on, a quote it turns into an entity is an inline element too, so a URL
/// right after `"` or `'` is tried (`after_quotes`).
pub(crate) fn find(
    text: &str,
    starts_open: bool,
    after_quotes: bool,
    protocol: LinkifyProtocol,
) -> Vec<Found> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let trigger = (i == 0 && starts_open)
            || (i > 0 && matches!(b[i - 1], b' ' | b'(' | b'*' | b'_' | b'~' | b'\n'))
            || (i > 0 && after_quotes && matches!(b[i - 1], b'"' | b'\''));
        if trigger
            && b[i].is_ascii()
            && let Some((len, href)) = link_at(&text[i..], protocol)
        {
            out.push(Found {
                range: i..i + len,
                href,
            });
            i += len;
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;` and numeric references, and backslash escapes of ASCII
/// punctuation, decoded as the parser decodes them in text.
pub(crate) fn decode(s: &str) -> String {
    if !s.contains(['&', '\\']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['&', '\\']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(escaped) = rest.strip_prefix('\\') {
            match escaped.chars().next() {
                Some(c) if c.is_ascii_punctuation() => {
                    out.push(c);
                    rest = &escaped[1..];
                }
                _ => {
                    out.push('\\');
                    rest = escaped;
                }
            }
            continue;
        }
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(String, String)> {
        find(text, true, false, LinkifyProtocol::Https)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.href))
            .collect()
    }

    fn one(text: &str, label: &str, href: &str) {
        assert_eq!(
            links(text),
            [(label.to_string(), href.to_string())],
            "{text}"
        );
    }

    /// Real Hugo 0.111.3 output (goldmark v1.5.4).
    #[test]
    fn urls_end_where_goldmark_ends_them() {
        one(
            "见 https://go.dev/doc。",
            "https://go.dev/doc",
            "https://go.dev/doc",
        );
        one(
            "https://example.com/a_(b)",
            "https://example.com/a_(b)",
            "https://example.com/a_(b)",
        );
        one(
            "www.example.com,",
            "www.example.com",
            "https://www.example.com",
        );
        one(
            "https://a.com/x?y=1.",
            "https://a.com/x?y=1",
            "https://a.com/x?y=1",
        );
        one(
            "https://example.com/路径",
            "https://example.com/",
            "https://example.com/",
        );
        one("(https://x.y/z)", "https://x.y/z", "https://x.y/z");
        one("https://a.com/x)y)", "https://a.com/x)", "https://a.com/x)");
        one(
            "https://x.y/a(b)),",
            "https://x.y/a(b))",
            "https://x.y/a(b))",
        );
        one("https://a.com/x&y;", "https://a.com/x", "https://a.com/x");
        one(
            "https://a.com/x.,:?!*_~ end",
            "https://a.com/x",
            "https://a.com/x",
        );
        one(
            "www.example.com:8080/p",
            "www.example.com",
            "https://www.example.com",
        );
        one(
            "https://example.com:8080/p",
            "https://example.com:8080/p",
            "https://example.com:8080/p",
        );
        one(
            "http://www.example.com",
            "http://www.example.com",
            "http://www.example.com",
        );
        one(
            "ftp://ftp.example.org/file.txt",
            "ftp://ftp.example.org/file.txt",
            "ftp://ftp.example.org/file.txt",
        );
        one(
            "mail me@example.org.",
            "me@example.org",
            "mailto:me@example.org",
        );
        for none in [
            "（https://x.y/z）",
            "https://例子.com/路径",
            "见https://go.dev/doc",
            "见\u{a0}https://x.y/z",
            "x:https://x.y/z",
            "a,https://x.y/comma",
            "wwww.example.com",
            "www.x",
            "HTTPS://x.y/upper",
            "https://localhost/x",
            "https://Example.COM/x",
            "user@localhost",
        ] {
            assert_eq!(links(none), [], "{none}");
        }
        assert_eq!(
            find("www.example.com", true, false, LinkifyProtocol::Http)[0].href,
            "http://www.example.com"
        );
    }
}
