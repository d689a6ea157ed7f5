//! goldmark's Typographer extension (v1.5.4, the one Hugo 0.111 builds with), decision for
//! decision: which `"` and `'` become curly quotes, which stay, and the dashes, ellipses and
//! angle quotes. Hugo counts words on its HTML, where the entities it writes (`&ldquo;`) are
//! text, so a quote's fate changes the count (7 characters of `&ldquo;` against 6 of
//! `&quot;` in CJK mode).
//!
//! The rules, from goldmark's source: a quote's sides are the source character before it and
//! the one after the run of that quote (the end of the line counts as space); "space" is ASCII
//! or Unicode white space, "punctuation" ASCII punctuation or Unicode's P* categories, so a CJK
//! letter is neither and a CJK full stop is punctuation. The open-quote counters belong to the
//! page and are never reset (goldmark's reset hook has the wrong signature and is never
//! called), so a quote left open early decides later ones.

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// The open double and single quotes so far on the page.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quotes {
    double: u32,
    single: u32,
}

impl Quotes {
    /// No quote is left open.
    #[cfg(test)]
    fn closed(self) -> bool {
        self == Quotes::default()
    }
}

/// Go's `unicode.IsSpace`.
fn go_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Go's `unicode.IsPunct`: the P* categories.
fn go_punct(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Punctuation
}

/// goldmark's `util.IsSpaceRune`.
fn space_rune(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' ') || go_space(c)
}

/// goldmark's `util.IsPunctRune`.
fn punct_rune(c: char) -> bool {
    c.is_ascii_punctuation() || go_punct(c)
}

/// goldmark's byte tests `util.IsPunct` / `util.IsSpace` (a byte ≥ 0x80 is neither).
fn punct_byte(b: u8) -> bool {
    b.is_ascii_punctuation()
}
fn space_byte(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\r' | b' ')
}

/// `ScanDelimiter`'s flanking test for the run of `line[0]` (can open, can close).
fn flanking(line: &str, before: char) -> (bool, bool) {
    let c = line.as_bytes()[0];
    let run = line.bytes().take_while(|&b| b == c).count();
    let after = line[run..].chars().next().unwrap_or(' ');
    let (bp, bs) = (punct_rune(before), space_rune(before));
    let (ap, as_) = (punct_rune(after), space_rune(after));
    let left = !as_ && (!ap || bs || bp);
    let right = !bs && (!bp || as_ || ap);
    (left, right)
}

fn rune_at(line: &str, i: usize) -> Option<char> {
    line.get(i..)?.chars().next()
}

/// What the typographer makes of the text at the start of `line` (the rest of the source line
/// from here, its line break included unless it ends the block), with `before` the source
/// character before it: the entity it writes and how many bytes it takes, or `None` to leave
/// the character as it is.
pub(crate) fn at(line: &str, before: char, q: &mut Quotes) -> Option<(&'static str, usize)> {
    let b = line.as_bytes();
    let c = *b.first()?;
    if b.len() > 2 {
        if c == b'-' && b[1] == b'-' && b[2] == b'-' {
            return Some(("&mdash;", 3));
        }
        if c == b'.' {
            return (b[1] == b'.' && b[2] == b'.').then_some(("&hellip;", 3));
        }
    }
    if b.len() > 1 {
        match c {
            b'<' => return (b[1] == b'<').then_some(("&laquo;", 2)),
            b'>' => return (b[1] == b'>').then_some(("&raquo;", 2)),
            b'-' if b[1] == b'-' => return Some(("&ndash;", 2)),
            _ => {}
        }
    }
    let (open, close) = match c {
        b'"' | b'\'' => flanking(line, before),
        _ => return None,
    };
    let next = rune_at(line, 1);
    let maybe_close = |open: bool, close: bool| {
        close
            && open
            && next.is_some_and(go_punct)
            && (b.len() == 2 || punct_byte(b[2]) || space_byte(b[2]))
    };
    if c == b'"' {
        if open && !close {
            q.double += 1;
            return Some(("&ldquo;", 1));
        }
        if q.double > 0 && ((close && !open) || maybe_close(open, close)) {
            // `Monitor 21""`: inches, not a quote.
            if b.get(1) == Some(&b'"') && is_decimal(before) {
                return None;
            }
            q.double -= 1;
            return Some(("&rdquo;", 1));
        }
        return None;
    }
    // The single quote, in goldmark's order.
    // (A) decades: '90s.
    if open
        && !close
        && b.len() > 3
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b's'
    {
        let after = rune_at(line, 4).unwrap_or(' ');
        if b.len() == 3 || space_rune(after) || punct_rune(after) {
            return Some(("&rsquo;", 1));
        }
    }
    // (B) 'twas, 'em, 'n', 'll after space or punctuation.
    if b.len() > 1
        && (go_punct(before) || go_space(before))
        && matches!(b[1], b't' | b'e' | b'n' | b'l')
    {
        return Some(("&rsquo;", 1));
    }
    // (C) an apostrophe between word characters.
    if b.len() > 1 && (is_decimal(before) || is_letter(before)) && next.is_some_and(is_letter) {
        return Some(("&rsquo;", 1));
    }
    // (D) an opening quote ('s, 'm, 't, 'd, 've, 'll, 're are closing ones).
    if open && !close {
        let short = b.len() > 1
            && matches!(b[1], b's' | b'm' | b't' | b'd')
            && (b.len() < 3 || punct_byte(b[2]) || space_byte(b[2]));
        let long = b.len() > 2
            && matches!(&b[1..3], b"ve" | b"ll" | b"re")
            && (b.len() < 4 || punct_byte(b[3]) || space_byte(b[3]));
        if short || long {
            return Some(("&rsquo;", 1));
        }
        q.single += 1;
        return Some(("&lsquo;", 1));
    }
    // (E) goldmark's "plural possessive" test, as written: any quote with two more bytes on
    // its line and no digit after it.
    if b.len() > 2 && !next.is_some_and(is_decimal) {
        return Some(("&rsquo;", 1));
    }
    // (F) a closing quote.
    if q.single > 0 && ((close && !open) || maybe_close(open, close)) {
        q.single -= 1;
        return Some(("&rsquo;", 1));
    }
    None
}

/// Go's `unicode.IsDigit` (Nd).
fn is_decimal(c: char) -> bool {
    c.general_category() == unicode_properties::GeneralCategory::DecimalNumber
}

/// Go's `unicode.IsLetter` (L*).
fn is_letter(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Letter
}

#[cfg(test)]
mod tests {
    use super::*;

    /// goldmark's output for a one-paragraph page (the block's last line has no line break).
    fn html(src: &str) -> String {
        let mut q = Quotes::default();
        let mut out = String::new();
        let mut i = 0;
        while i < src.len() {
            let before = src[..i].chars().next_back().unwrap_or('\n');
            match at(&src[i..], before, &mut q) {
                Some((entity, n)) => {
                    out.push_str(entity);
                    i += n;
                }
                None => {
                    let c = src[i..].chars().next().unwrap_or(' ');
                    match c {
                        '"' => out.push_str("&quot;"),
                        c => out.push(c),
                    }
                    i += c.len_utf8();
                }
            }
        }
        out
    }

    /// Real Hugo 0.111.3 output (see `tests/compat` for the generated comparison).
    #[test]
    fn quotes_next_to_cjk_and_ascii() {
        for (src, want) in [
            ("不是一个\"君子\"。", "不是一个&quot;君子&quot;。"),
            ("他说\"hello\"。", "他说&quot;hello&quot;。"),
            ("\"中文\"", "&ldquo;中文&rdquo;"),
            ("a \"b\" c", "a &ldquo;b&rdquo; c"),
            ("中\"文", "中&quot;文"),
            ("it's", "it&rsquo;s"),
            ("'中'", "&lsquo;中&rsquo;"),
            ("（\"x\"）", "（&ldquo;x&rdquo;）"),
            ("\"x\"，", "&ldquo;x&rdquo;，"),
            ("他说 \"中文\" 然后", "他说 &ldquo;中文&rdquo; 然后"),
            (
                "\"中文\"，\"英文\"。",
                "&ldquo;中文&rdquo;，&ldquo;英文&rdquo;。",
            ),
            ("foo\"bar\"baz", "foo&quot;bar&quot;baz"),
            ("\"a\"b", "&ldquo;a&quot;b"),
            ("～\"x\"～", "～&quot;x&quot;～"),
            ("x ' y", "x &rsquo; y"),
            (
                "'test' and 'hello'",
                "&rsquo;test&rsquo; and &lsquo;hello&rsquo;",
            ),
            ("a'9 b", "a'9 b"),
            ("x '", "x '"),
            (
                "a -- b --- c ---- d ----- e",
                "a &ndash; b &mdash; c &mdash;- d &mdash;&ndash; e",
            ),
            ("wait... and .... end", "wait&hellip; and &hellip;. end"),
            (
                "Monitor 21\"\" and 21\" x",
                "Monitor 21&quot;&quot; and 21&quot; x",
            ),
        ] {
            assert_eq!(html(src), want, "{src}");
        }
    }

    #[test]
    fn a_quote_left_open_decides_later_ones() {
        let mut q = Quotes::default();
        assert_eq!(at("\"a", '\n', &mut q), Some(("&ldquo;", 1)));
        assert!(!q.closed());
        // `他说"hello"。` alone keeps both `&quot;`; after an open quote the second closes.
        assert_eq!(at("\"hello\"。", '说', &mut q), None);
        assert_eq!(at("\"。", 'o', &mut q), Some(("&rdquo;", 1)));
        assert!(q.closed());
    }
}
