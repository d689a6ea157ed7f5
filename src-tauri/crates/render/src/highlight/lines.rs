//! Highlighting that follows an edit: the blocks highlighted last are kept line by line with
//! syntect's state before each line, so a block that differs from one of them in a few lines
//! (a keystroke in a code listing) is highlighted from its first changed line only until
//! syntect's state is again the one the old block had there; the lines after are reused.
//! The HTML is the same as highlighting the whole block (tested against it after random edits).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use syntect::html::line_tokens_to_classed_spans;
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference};
use syntect::util::LinesWithEndings;

use super::{CLASS_STYLE, SYNTAXES};

/// How many highlighted blocks are kept (the ones edited lately).
const KEPT: usize = 8;

/// syntect's state between two lines: the parser's, the scopes open, the spans open.
#[derive(Clone, PartialEq, Eq)]
struct Between {
    parse: ParseState,
    scopes: ScopeStack,
    open: isize,
}

/// A block highlighted line by line.
struct Kept {
    syntax: String,
    lines: Vec<Rc<str>>,
    html: Vec<Rc<str>>,
    /// The state before each line, and after the last one (one more than `lines`).
    before: Vec<Rc<Between>>,
}

thread_local! {
    /// Per thread: syntect's parser state holds Oniguruma regions, which may not cross
    /// threads. A preview's renders run one after another, mostly on the same worker.
    static RECENT: RefCell<VecDeque<Rc<Kept>>> = RefCell::default();
}

/// The kept block of `syntax` sharing the most first and last lines with `lines`: it, and the
/// number of first and of last lines shared (the two never overlap).
fn closest(syntax: &str, lines: &[&str]) -> Option<(Rc<Kept>, usize, usize)> {
    RECENT.with_borrow(|recent| closest_in(recent, syntax, lines))
}

fn closest_in(
    recent: &VecDeque<Rc<Kept>>,
    syntax: &str,
    lines: &[&str],
) -> Option<(Rc<Kept>, usize, usize)> {
    let mut best: Option<(Rc<Kept>, usize, usize)> = None;
    for kept in recent.iter().filter(|k| k.syntax == syntax) {
        let prefix = kept
            .lines
            .iter()
            .zip(lines)
            .take_while(|(a, b)| ***a == ***b)
            .count();
        let room = kept.lines.len().min(lines.len()) - prefix;
        let suffix = kept
            .lines
            .iter()
            .rev()
            .zip(lines.iter().rev())
            .take(room)
            .take_while(|(a, b)| ***a == ***b)
            .count();
        if prefix + suffix > 0
            && best
                .as_ref()
                .is_none_or(|(_, p, s)| prefix + suffix > p + s)
        {
            best = Some((Rc::clone(kept), prefix, suffix));
        }
    }
    best
}

/// Highlights `code` (lines ending in `\n`, as syntect's newline grammars want) with classes,
/// starting from a kept block when one shares lines with it; keeps the result for the next
/// edit. `None` when syntect fails on a line.
pub(super) fn highlight(syntax: &SyntaxReference, code: &str) -> Option<String> {
    let lines: Vec<&str> = LinesWithEndings::from(code).collect();
    let base = closest(&syntax.name, &lines);
    let n = lines.len();
    let mut kept = Kept {
        syntax: syntax.name.clone(),
        lines: Vec::with_capacity(n),
        html: Vec::with_capacity(n),
        before: Vec::with_capacity(n + 1),
    };
    let mut state = Between {
        parse: ParseState::new(syntax),
        scopes: ScopeStack::new(),
        open: 0,
    };
    let mut k = 0;
    if let Some((old, prefix, _)) = &base {
        kept.lines.extend(old.lines[..*prefix].iter().cloned());
        kept.html.extend(old.html[..*prefix].iter().cloned());
        kept.before.extend(old.before[..*prefix].iter().cloned());
        state = (*old.before[*prefix]).clone();
        k = *prefix;
    }
    let mut reused = false;
    while k < n {
        if let Some((old, _, suffix)) = &base
            && k + suffix >= n
        {
            // Where the old block's last lines begin (or later): once the state is the one the
            // old block had before the same line, the rest is the old block's.
            let j = k + old.lines.len() - n;
            if *old.before[j] == state {
                kept.lines.extend(old.lines[j..].iter().cloned());
                kept.html.extend(old.html[j..].iter().cloned());
                kept.before.extend(old.before[j..].iter().cloned());
                reused = true;
                break;
            }
        }
        let line = lines[k];
        kept.before.push(Rc::new(state.clone()));
        let ops = state.parse.parse_line(line, &SYNTAXES).ok()?;
        #[cfg(test)]
        PARSED.with(|p| p.set(p.get() + 1));
        let (html, delta) =
            line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut state.scopes).ok()?;
        state.open += delta;
        kept.lines.push(Rc::from(line));
        kept.html.push(Rc::from(html));
        k += 1;
    }
    if !reused {
        kept.before.push(Rc::new(state));
    }
    let open = kept.before.last().map_or(0, |s| s.open);
    let mut out = String::with_capacity(kept.html.iter().map(|h| h.len()).sum::<usize>() + 8);
    for h in &kept.html {
        out.push_str(h);
    }
    for _ in 0..open {
        out.push_str("</span>");
    }
    RECENT.with_borrow_mut(|recent| {
        recent.push_front(Rc::new(kept));
        recent.truncate(KEPT);
    });
    Some(out)
}

#[cfg(test)]
thread_local! {
    /// Lines syntect parsed on this thread (tests: an edit must not parse the whole block).
    static PARSED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fenced blocks of the sample blog's posts, with their language.
    fn sample_blocks() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../posts/content");
        let mut dirs = vec![root];
        let mut out = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|x| x == "md") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let mut open: Option<(String, String)> = None;
                    for line in text.lines() {
                        match (&mut open, line.strip_prefix("```")) {
                            (None, Some(lang)) if !lang.is_empty() => {
                                open = Some((lang.trim().to_string(), String::new()));
                            }
                            (Some(_), Some("")) => out.extend(open.take()),
                            (Some((_, code)), _) => {
                                code.push_str(line);
                                code.push('\n');
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        out
    }

    fn whole(syntax: &SyntaxReference, code: &str) -> String {
        let mut generator = syntect::html::ClassedHTMLGenerator::new_with_class_style(
            syntax,
            &SYNTAXES,
            CLASS_STYLE,
        );
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .unwrap();
        }
        generator.finalize()
    }

    #[test]
    fn typing_in_a_block_highlights_as_the_whole_block_does() {
        // What opens or closes a string, a comment or a block in the languages posts use.
        const PIECES: [&str; 14] = [
            "\"", "`", "/*", "*/", "'", "#", "{", "}", "\n", "x", " ", "//", "|\n  ", "\"\"\"",
        ];
        let mut blocks = sample_blocks();
        blocks.push((
            "go".into(),
            "package main\n\n/* a comment\n   on lines */\nvar s = `raw\nstring`\n\nfunc main() {\n\tfmt.Println(\"hi\") // done\n}\n".into(),
        ));
        blocks.push((
            "yaml".into(),
            "spec:\n  script: |\n    echo one\n    echo two\n  name: \"x\"\n".into(),
        ));
        assert!(blocks.len() > 10, "{} blocks", blocks.len());
        let mut seed = 0x9e37_79b9_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % u64::try_from(n.max(1)).unwrap()).unwrap()
        };
        let mut checked = 0;
        for (lang, code) in &blocks {
            let Some(syntax) = super::super::syntax_for(lang) else {
                continue;
            };
            let mut code = code.clone();
            for _ in 0..12 {
                let mut at = next(code.len() + 1);
                while !code.is_char_boundary(at) {
                    at -= 1;
                }
                if next(4) == 0 {
                    let mut end = (at + 1 + next(6)).min(code.len());
                    while !code.is_char_boundary(end) {
                        end += 1;
                    }
                    code.replace_range(at..end, "");
                } else {
                    code.insert_str(at, PIECES[next(PIECES.len())]);
                }
                if !code.ends_with('\n') {
                    code.push('\n');
                }
                assert_eq!(
                    highlight(syntax, &code).unwrap(),
                    whole(syntax, &code),
                    "{lang}:\n{code}"
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked} edits checked");
    }

    #[test]
    fn a_keystroke_in_a_long_block_parses_a_line_or_two() {
        let syntax = super::super::syntax_for("go").unwrap();
        let code: String = (0..200)
            .map(|i| format!("\tx{i} := compute({i}, \"s{i}\") // step {i}\n"))
            .collect();
        highlight(syntax, &code).unwrap();
        let edited = code.replacen("step 100", "step 100 and more", 1);
        let before = PARSED.with(std::cell::Cell::get);
        assert_eq!(highlight(syntax, &edited).unwrap(), whole(syntax, &edited));
        let parsed = PARSED.with(std::cell::Cell::get) - before;
        assert!(parsed <= 2, "{parsed} lines parsed for one edited line");
        // A raw string opened at the edit changes every line after it: they are all parsed.
        let opened = code.replacen("compute(100,", "compute(100, `", 1);
        let before = PARSED.with(std::cell::Cell::get);
        assert_eq!(highlight(syntax, &opened).unwrap(), whole(syntax, &opened));
        assert!(PARSED.with(std::cell::Cell::get) - before >= 99);
    }
}
