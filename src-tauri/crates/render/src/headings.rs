//! Heading ids exactly as each generator makes them (see [`HeadingIdStyle`]): Hugo's goldmark
//! (`github`, `github-ascii`, `blackfriday`), Jekyll's kramdown GFM parser, Hexo's
//! hexo-renderer-marked. Which text each starts from is the caller's part (Hugo: the heading's
//! Markdown source; kramdown and Hexo: its rendered text).

use foldhash::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

use crate::HeadingIdStyle;

/// Hands out heading ids in document order under one generator's rules.
#[derive(Default)]
pub(crate) struct HeadingIds {
    style: HeadingIdStyle,
    /// Ids handed out or written (Hugo's `idFactory`). Hashed with foldhash, not SipHash: every
    /// edit of a long post hands out all its ids before the edit again. Its seed is random, so
    /// a post written to make ids collide would have to guess it.
    used: HashSet<String>,
    /// Times each base id was made (kramdown's and Hexo's counters); for goldmark, the
    /// number its search for a free `-n` starts from (what it skips is used anyway), so
    /// 10,000 equal headings take linear time.
    counts: HashMap<String, usize>,
}

impl HeadingIds {
    pub(crate) fn new(style: HeadingIdStyle) -> Self {
        HeadingIds {
            style,
            ..HeadingIds::default()
        }
    }

    /// Room for `headings` ids from the start, not grown one doubling at a time (an edit of a
    /// long post hands out the ids of all its headings again): in the set of ids used under
    /// goldmark's rules, in the counts per id under kramdown's and Hexo's.
    pub(crate) fn with_capacity(style: HeadingIdStyle, headings: usize) -> Self {
        let mut ids = HeadingIds::new(style);
        match style {
            HeadingIdStyle::Github | HeadingIdStyle::GithubAscii | HeadingIdStyle::Blackfriday => {
                ids.used.reserve(headings);
            }
            HeadingIdStyle::Kramdown | HeadingIdStyle::Hexo => ids.counts.reserve(headings),
            HeadingIdStyle::None => {}
        }
        ids
    }

    /// The id of a heading without a written one; `""` for none (no `id` attribute).
    #[cfg(test)]
    pub(crate) fn auto(&mut self, text: &str) -> String {
        let base = self.base(text);
        self.auto_from(base)
    }

    /// The id a heading's text asks for before duplicates are numbered: what [`Self::auto_from`]
    /// takes. Kept with the heading, the ids before an edit are handed out again without
    /// making each anchor again (most of an edit's time on a long post otherwise).
    pub(crate) fn base(&self, text: &str) -> String {
        match self.style {
            HeadingIdStyle::Github | HeadingIdStyle::GithubAscii | HeadingIdStyle::Blackfriday => {
                let base = hugo_anchor(text, self.style);
                if base.is_empty() {
                    "heading".to_string()
                } else {
                    base
                }
            }
            HeadingIdStyle::Kramdown => kramdown_anchor(text),
            HeadingIdStyle::Hexo => hexo_anchor(text),
            HeadingIdStyle::None => String::new(),
        }
    }

    /// The id of a heading whose [`Self::base`] is `base`, after the ids already handed out.
    pub(crate) fn auto_from(&mut self, base: String) -> String {
        match self.style {
            HeadingIdStyle::Github | HeadingIdStyle::GithubAscii | HeadingIdStyle::Blackfriday => {
                // goldmark's idFactory: `-1`, `-2`, … skipping every id already used.
                let mut id = base.clone();
                let mut n = self.counts.get(&base).copied().unwrap_or(0);
                if self.used.contains(&id) {
                    loop {
                        n += 1;
                        id = format!("{base}-{n}");
                        if !self.used.contains(&id) {
                            break;
                        }
                    }
                    self.counts.insert(base, n);
                }
                self.used.insert(id.clone());
                id
            }
            HeadingIdStyle::Kramdown | HeadingIdStyle::Hexo => {
                // Counted per base id; an id made some other way is not looked at.
                let n = self.counts.entry(base.clone()).or_insert(0);
                *n += 1;
                match *n - 1 {
                    0 => base,
                    k => format!("{base}-{k}"),
                }
            }
            HeadingIdStyle::None => String::new(),
        }
    }

    /// A heading's written id (`{#id}`): used as written, and (Hugo) taken for later ones.
    pub(crate) fn explicit(&mut self, id: &str) -> String {
        self.used.insert(id.to_string());
        id.to_string()
    }
}

fn is_letter(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Letter
}

/// Go's `unicode.ToLower`: the simple one-to-one mapping (`İ` → `i`).
fn go_lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Hugo's `sanitizeAnchorName` (markup/goldmark/autoid.go) for the three id types.
pub fn hugo_anchor(text: &str, style: HeadingIdStyle) -> String {
    if style == HeadingIdStyle::Blackfriday {
        // markup/blackfriday/anchors.go: letters and numbers, other runs one `-`.
        let mut out = String::new();
        let mut dash = false;
        for c in text.chars() {
            if is_letter(c) || c.general_category_group() == GeneralCategoryGroup::Number {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(go_lower(c));
            } else {
                dash = true;
            }
        }
        return out;
    }
    let ascii = style == HeadingIdStyle::GithubAscii;
    // `text.RemoveAccents`: NFD, non-spacing marks removed, NFC.
    let folded: String;
    let text = if ascii {
        folded = text
            .nfd()
            .filter(|c| c.general_category() != GeneralCategory::NonspacingMark)
            .nfc()
            .collect();
        folded.as_str()
    } else {
        text
    };
    text.trim_matches(char::is_whitespace)
        .chars()
        .filter_map(|c| match c {
            _ if ascii && !c.is_ascii() => None,
            ' ' | '-' => Some('-'),
            c if c == '_'
                || is_letter(c)
                || c.general_category() == GeneralCategory::DecimalNumber =>
            {
                Some(go_lower(c))
            }
            _ => None,
        })
        .collect()
}

/// Ruby's (Onigmo's) `\p{Word}`: alphabetic, marks, decimal digits, connector punctuation.
fn is_ruby_word(c: char) -> bool {
    c.is_alphabetic()
        || c.general_category_group() == GeneralCategoryGroup::Mark
        || matches!(
            c.general_category(),
            GeneralCategory::DecimalNumber | GeneralCategory::ConnectorPunctuation
        )
}

/// kramdown-parser-gfm's `generate_gfm_header_id` on the heading's text: Ruby's `downcase`
/// (full mapping, per character), everything but `\p{Word}`, `-`, space and tab removed,
/// each space or tab a `-`.
pub fn kramdown_anchor(text: &str) -> String {
    // kramdown's typographic symbols are removed characters, not their ASCII spellings.
    let text = text
        .replace("<< ", "")
        .replace(" >>", "")
        .replace("---", "")
        .replace("--", "")
        .replace("...", "");
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' | '\t' => Some('-'),
            '-' => Some('-'),
            c if is_ruby_word(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// hexo-util's `slugize` (the heading's text, `modifyAnchors: 0`): the diacritics table,
/// control characters removed, runs of white space and ASCII punctuation one `-`, trimmed.
pub fn hexo_anchor(text: &str) -> String {
    let special = |c: char| {
        c.is_whitespace() || c == '\u{feff}' || (c.is_ascii_punctuation() && c != '\u{7f}')
    };
    let mut out = String::new();
    let mut dash = false;
    for c in text.trim().chars() {
        let mapped = if (c as u32) > 0x7e {
            crate::diacritics::DIACRITICS
                .binary_search_by_key(&c, |(k, _)| *k)
                .ok()
                .map(|i| crate::diacritics::DIACRITICS[i].1)
        } else {
            None
        };
        let mut push = |c: char| {
            if c < ' ' {
                return;
            }
            if special(c) {
                dash = true;
            } else {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c);
            }
        };
        match mapped {
            Some(s) => s.chars().for_each(&mut push),
            None => push(c),
        }
    }
    out
}

/// The Markdown source of a heading's content, as goldmark hands it to its id maker: an ATX
/// heading's text without the `#`s, a closing sequence or a `{…}` attribute block; a setext
/// heading's last line.
pub(crate) fn source(md: &str, range: std::ops::Range<usize>, attributes: bool) -> String {
    let block = md.get(range).unwrap_or_default();
    let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
    let Some(first) = lines.first() else {
        return String::new();
    };
    let trimmed = first.trim_start();
    let mut text = if trimmed.starts_with('#') {
        let after = trimmed.trim_start_matches('#');
        let mut t = after.trim_matches([' ', '\t']);
        // A closing sequence: spaces then only `#`s (or the whole text `#`s).
        let without = t.trim_end_matches('#');
        if without.is_empty() {
            t = "";
        } else if without.len() < t.len() && without.ends_with([' ', '\t']) {
            t = without.trim_end_matches([' ', '\t']);
        }
        t.to_string()
    } else {
        // Setext: the line before the underline.
        lines
            .len()
            .checked_sub(2)
            .map(|i| lines[i].trim().to_string())
            .unwrap_or_default()
    };
    if attributes
        && text.ends_with('}')
        && let Some(open) = text.rfind('{')
    {
        text.truncate(open);
        let kept = text.trim_end_matches([' ', '\t']).len();
        text.truncate(kept);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real Hugo 0.111.3, Jekyll 4.3.1 and hexo-renderer-marked 7.0.1 output on one document
    /// of headings, in order (the ids of each tool's own text; see `tests/compat`).
    #[test]
    fn each_generator_s_ids_for_the_same_headings() {
        // (Hugo's source text, kramdown's and Hexo's rendered text, github, github-ascii,
        // blackfriday, kramdown, hexo)
        let cases: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
            (
                "① 安装工具链",
                "① 安装工具链",
                "-安装工具链",
                "-",
                "①-安装工具链",
                "-安装工具链",
                "①-安装工具链",
            ),
            (
                "第Ⅱ部分：调度器",
                "第Ⅱ部分：调度器",
                "第部分调度器",
                "heading",
                "第ⅱ部分-调度器",
                "第ⅱ部分调度器",
                "第Ⅱ部分：调度器",
            ),
            (
                "Go 1.21 新特性",
                "Go 1.21 新特性",
                "go-121-新特性",
                "go-121-",
                "go-1-21-新特性",
                "go-121-新特性",
                "Go-1-21-新特性",
            ),
            (
                "café 与 naïve",
                "café 与 naïve",
                "café-与-naïve",
                "cafe--naive",
                "café-与-naïve",
                "café-与-naïve",
                "cafe-与-naive",
            ),
            (
                "调度器 vs. 控制器 (v1.27)",
                "调度器 vs. 控制器 (v1.27)",
                "调度器-vs-控制器-v127",
                "-vs--v127",
                "调度器-vs-控制器-v1-27",
                "调度器-vs-控制器-v127",
                "调度器-vs-控制器-v1-27",
            ),
            (
                "`code` here",
                "code here",
                "code-here",
                "code-here",
                "code-here",
                "code-here",
                "code-here",
            ),
            ("A & B", "A & B", "a--b", "a--b", "a-b", "a--b", "A-B"),
            (
                "[link](u) text",
                "link text",
                "linku-text",
                "linku-text",
                "link-u-text",
                "link-text",
                "link-text",
            ),
            (
                "Launch 🚀 now",
                "Launch 🚀 now",
                "launch--now",
                "launch--now",
                "launch-now",
                "launch--now",
                "Launch-🚀-now",
            ),
            (
                "x² 〇 test Ⓐ",
                "x² 〇 test Ⓐ",
                "x--test-",
                "x--test-",
                "x²-〇-test",
                "x-〇-test-ⓐ",
                "x²-〇-test-A",
            ),
            (
                "Ⅻ ⑩ ½ ٣ ३",
                "Ⅻ ⑩ ½ ٣ ३",
                "---٣-३",
                "----",
                "ⅻ-⑩-½-٣-३",
                "ⅻ---٣-३",
                "Ⅻ-⑩-½-٣-३",
            ),
            (
                "Ünïcödé UPPER ΣΑΣ İstanbul",
                "Ünïcödé UPPER ΣΑΣ İstanbul",
                "ünïcödé-upper-σασ-istanbul",
                "unicode-upper--istanbul",
                "ünïcödé-upper-σασ-istanbul",
                "ünïcödé-upper-σασ-i̇stanbul",
                "Unicode-UPPER-ΣΑΣ-Istanbul",
            ),
            (
                "Ｆｕｌｌwidth ＡＢＣ１２３",
                "Ｆｕｌｌwidth ＡＢＣ１２３",
                "ｆｕｌｌwidth-ａｂｃ１２３",
                "width-",
                "ｆｕｌｌwidth-ａｂｃ１２３",
                "ｆｕｌｌwidth-ａｂｃ１２３",
                "Fullwidth-ABC１２３",
            ),
            (
                "Ω ß Æ ø Đ ł",
                "Ω ß Æ ø Đ ł",
                "ω-ß-æ-ø-đ-ł",
                "-----",
                "ω-ß-æ-ø-đ-ł",
                "ω-ß-æ-ø-đ-ł",
                "Ω-s-AE-o-D-l",
            ),
            (
                "हिन्दी भाषा",
                "हिन्दी भाषा",
                "हनद-भष",
                "-",
                "ह-न-द-भ-ष",
                "हिन्दी-भाषा",
                "हिन्दी-भाषा",
            ),
            (
                "MixedCASE_Snake-Kebab",
                "MixedCASE_Snake-Kebab",
                "mixedcase_snake-kebab",
                "mixedcase_snake-kebab",
                "mixedcase-snake-kebab",
                "mixedcase_snake-kebab",
                "MixedCASE-Snake-Kebab",
            ),
        ];
        // `heading` is goldmark's stand-in for an empty id (see the duplicates test).
        let hugo = |w: &'static str| if w == "heading" { "" } else { w };
        for (source, text, github, ascii, blackfriday, kramdown, hexo) in cases {
            assert_eq!(
                hugo_anchor(source, HeadingIdStyle::Github),
                hugo(github),
                "github {source}"
            );
            assert_eq!(
                hugo_anchor(source, HeadingIdStyle::GithubAscii),
                hugo(ascii),
                "github-ascii {source}"
            );
            assert_eq!(
                hugo_anchor(source, HeadingIdStyle::Blackfriday),
                hugo(blackfriday),
                "blackfriday {source}"
            );
            assert_eq!(kramdown_anchor(text), *kramdown, "kramdown {text}");
            assert_eq!(hexo_anchor(text), *hexo, "hexo {text}");
        }
    }

    #[test]
    fn kramdown_drops_its_typographic_symbols() {
        assert_eq!(
            kramdown_anchor("Under_score and--double  space"),
            "under_score-anddouble--space"
        );
        assert_eq!(kramdown_anchor("<< x >> y"), "x-y");
    }

    #[test]
    fn duplicates_are_numbered_the_generator_s_way() {
        let run = |style, texts: &[&str]| {
            let mut ids = HeadingIds::new(style);
            texts.iter().map(|t| ids.auto(t)).collect::<Vec<_>>()
        };
        // goldmark skips ids already used; kramdown and Hexo count per base id.
        assert_eq!(
            run(HeadingIdStyle::Github, &["Dup", "Dup", "Dup", "Dup 1"]),
            ["dup", "dup-1", "dup-2", "dup-1-1"]
        );
        assert_eq!(
            run(HeadingIdStyle::Github, &["X-1", "X", "X"]),
            ["x-1", "x", "x-2"]
        );
        assert_eq!(
            run(HeadingIdStyle::Kramdown, &["Dup", "Dup", "Dup", "Dup 1"]),
            ["dup", "dup-1", "dup-2", "dup-1"]
        );
        assert_eq!(
            run(HeadingIdStyle::Kramdown, &["X-1", "X", "X"]),
            ["x-1", "x", "x-1"]
        );
        assert_eq!(run(HeadingIdStyle::Kramdown, &["🚀", "🚀"]), ["", "-1"]);
        assert_eq!(
            run(HeadingIdStyle::Hexo, &["Dup", "Dup", "Dup 1"]),
            ["Dup", "Dup-1", "Dup-1"]
        );
        assert_eq!(
            run(HeadingIdStyle::Github, &["🚀", "🚀"]),
            ["heading", "heading-1"]
        );
        assert_eq!(run(HeadingIdStyle::None, &["Title"]), [""]);
        // A written id is taken as written and (goldmark) counts as used.
        let mut ids = HeadingIds::new(HeadingIdStyle::Github);
        assert_eq!(ids.explicit("custom"), "custom");
        assert_eq!(ids.auto("custom"), "custom-1");
        assert_eq!(ids.explicit("custom"), "custom");
    }
}
