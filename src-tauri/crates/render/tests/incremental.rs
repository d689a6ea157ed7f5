//! The incremental preview equals a whole-page render after every edit, and its patches,
//! applied the way the preview's DOM applies them, give exactly its list of units: on every
//! post and fixture in the repo, after random edits that open and close code fences, raw
//! HTML, headings, lists, footnotes and link definitions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use inkstone_render::{
    Block, ImageRef, Incremental, RenderOptions, TocEntry, Update, Warning, render_whole,
};

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md" || x == "markdown") {
            out.push(p);
        }
    }
}

/// The preview's DOM as a list of units, and the lists the page keeps beside it (the
/// outline): a patch leaves out those that did not change.
#[derive(Default)]
struct Dom {
    version: u32,
    blocks: Vec<Block>,
    toc: Vec<TocEntry>,
    images: Vec<ImageRef>,
    warnings: Vec<Warning>,
}

impl Dom {
    fn apply(&mut self, u: &Update) {
        if u.base_version == 0 {
            self.blocks.clear();
            assert!(
                u.toc.is_some() && u.images.is_some() && u.warnings.is_some(),
                "a patch from an empty preview gives every list"
            );
        } else {
            assert_eq!(u.base_version, self.version, "patch for another version");
        }
        let after = u.from + u.insert.len();
        self.blocks
            .splice(u.from..u.from + u.remove, u.insert.iter().cloned());
        for b in &mut self.blocks[after..] {
            b.line = (b.line as i64 + u.line_delta) as usize;
        }
        for r in &u.replace {
            self.blocks[r.index] = r.block.clone();
        }
        if let Some(toc) = &u.toc {
            self.toc.clone_from(toc);
        }
        if let Some(images) = &u.images {
            self.images.clone_from(images);
        }
        if let Some(warnings) = &u.warnings {
            self.warnings.clone_from(warnings);
        }
        self.version = u.version;
    }
}

/// A tiny deterministic generator (no dependency, same edits every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

const SNIPPETS: &[&str] = &[
    "a",
    "中",
    "x ",
    "\n",
    "\n\n",
    "```",
    "```go\n",
    "\n```\n",
    "# ",
    "## Intro\n",
    "- ",
    "1. ",
    "<div>",
    "</div>",
    "<b>",
    "[x]: /u\n",
    "[^1]",
    "\n[^1]: note\n",
    "> ",
    "    ",
    "|a|b|\n|-|-|\n",
    "`",
    "*",
    "---\n",
    "<!--more-->\n",
    "![i](missing.png)",
    "[link][x]",
    "\"quoted\" -- ...",
    "<details>\n\n",
    "\n</details>\n",
    "$ ",
    "    code\n",
];

fn check(inc: &Incremental, dom: &Dom, md: &str, o: &RenderOptions<'_>, what: &str) {
    let whole = render_whole(md, o);
    let page = inc.page(o).unwrap();
    if page.html != whole.html {
        let at = page
            .html
            .bytes()
            .zip(whole.html.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(page.html.len().min(whole.html.len()));
        let from = at.saturating_sub(200);
        panic!(
            "{what}: differs at byte {at}\n--- incremental:\n{}\n--- whole page:\n{}\n--- markdown:\n{md}",
            String::from_utf8_lossy(&page.html.as_bytes()[from..(at + 120).min(page.html.len())]),
            String::from_utf8_lossy(&whole.html.as_bytes()[from..(at + 120).min(whole.html.len())])
        );
    }
    let what = format!("{what}\n--- markdown:\n{md:?}");
    assert_eq!(page.toc, whole.toc, "{what}: toc");
    assert_eq!(page.words, whole.words, "{what}: words");
    assert_eq!(page.reading_minutes, whole.reading_minutes, "{what}");
    assert_eq!(page.images, whole.images, "{what}: images");
    assert_eq!(
        page.summary_divider_line, whole.summary_divider_line,
        "{what}"
    );
    assert_eq!(page.warnings, whole.warnings, "{what}: warnings");
    let snapshot = inc.snapshot(o).unwrap();
    assert_eq!(dom.blocks, snapshot.insert, "{what}: patched DOM differs");
    assert_eq!(dom.toc, whole.toc, "{what}: the outline the patches leave");
    assert_eq!(
        dom.images, whole.images,
        "{what}: the images the patches leave"
    );
    assert_eq!(
        dom.warnings, whole.warnings,
        "{what}: the warnings the patches leave"
    );
    assert_eq!(dom.version, snapshot.version, "{what}");
}

/// Template tags, math and diagram fences, typed piece by piece.
const TEMPLATE_SNIPPETS: &[&str] = &[
    "{{< ",
    " >}}",
    "{{< /highlight >}}\n",
    "{% ",
    " %}",
    "{{ ",
    "$",
    "$$\n",
    "\\(",
    "\\[\n",
    "```mermaid\n",
    "a",
    "\n\n",
    "[^1]",
];

/// Typing and line breaks in prose, code, lists and headings: no fences, raw HTML,
/// footnotes or link definitions.
const PLAIN: &[&str] = &[
    "a",
    "中",
    "x ",
    "\n",
    "\n\n",
    "# ",
    "- ",
    "1. ",
    "> ",
    "*",
    "\"quoted\" -- ...",
    "$ ",
    "go",
    // Characters whose case forms differ in length, a ligature, combining marks, CJK.
    "İ",
    "ẞ",
    "ﬁ",
    "e\u{301}",
    "\u{301}",
    "调谐",
];

/// Typing in prose with quotes left open and closed: an open quote decides the typographer's
/// later quotes, and so the words of the units after it.
const QUOTES: &[&str] = &[
    "a",
    "x ",
    "中",
    "\n\n",
    "\"",
    "'",
    " 'open",
    "\"quoted\"",
    "他说\"hello\"。",
    "it's ",
    "# ",
    "- ",
];

fn edit(md: &mut String, rng: &mut Lcg, snippets: &[&str]) {
    let mut at = rng.next(md.len() + 1);
    while !md.is_char_boundary(at) {
        at -= 1;
    }
    match rng.next(4) {
        0 if !md.is_empty() => {
            let mut end = (at + 1 + rng.next(40)).min(md.len());
            while !md.is_char_boundary(end) {
                end -= 1;
            }
            md.replace_range(at..end, "");
        }
        _ => md.insert_str(at, snippets[rng.next(snippets.len())]),
    }
}

/// Returns how many edits there were, and how many of them were rendered as a window.
fn run(md: &str, what: &str, seed: u64, edits: usize, snippets: &[&str]) -> (usize, usize) {
    let (mut windowed, mut eligible) = (0, 0);
    let sites = [
        inkstone_render::Flavor::hugo(),
        inkstone_render::Flavor {
            math: true,
            math_inline_dollar: true,
            math_parens: true,
            mermaid: true,
            ..inkstone_render::Flavor::hugo()
        },
        inkstone_render::Flavor {
            math: true,
            ..inkstone_render::Flavor::kramdown()
        },
    ];
    for (cjk, typographer, raw, flavor) in [
        (true, true, false, sites[0]),
        (false, false, true, sites[1]),
        (false, true, true, sites[2]),
    ] {
        let o = RenderOptions {
            cjk,
            typographer,
            flavor,
            raw_html_is_content: raw,
            line_offset: 4,
            ..Default::default()
        };
        let mut inc = Incremental::new();
        let mut dom = Dom::default();
        let mut md = md.to_string();
        dom.apply(&inc.update(&md, &o));
        check(&inc, &dom, &md, &o, what);
        let mut rng = Lcg(seed);
        for n in 0..edits {
            edit(&mut md, &mut rng, snippets);
            dom.apply(&inc.update(&md, &o));
            eligible += 1;
            windowed += usize::from(!inc.last_was_whole());
            check(
                &inc,
                &dom,
                &md,
                &o,
                &format!("{what}, edit {n}, {flavor:?}"),
            );
        }
    }
    (windowed, eligible)
}

#[test]
fn every_post_stays_equal_to_a_whole_render_through_random_edits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let mut files = Vec::new();
    for dir in [
        "posts/content",
        "tests/fixtures",
        "src-tauri/crates/render/tests/inputs",
    ] {
        markdown_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "{files:?}");
    let (mut windowed, mut total) = (0, 0);
    for (i, f) in files.iter().enumerate() {
        let md = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        let what = f.display().to_string();
        run(&md, &what, i as u64 + 1, 40, SNIPPETS);
        if f.ends_with("templates-math-diagrams.md") {
            for seed in 1..6 {
                run(&md, &what, seed, 60, TEMPLATE_SNIPPETS);
            }
        }
        run(&md, &what, i as u64 + 1, 30, QUOTES);
        let (w, e) = run(&md, &what, i as u64 + 1, 40, PLAIN);
        (windowed, total) = (windowed + w, total + e);
    }
    // Plain typing re-renders a window, except next to footnotes, definitions and code
    // that an edit opened or closed (a deletion can remove a fence).
    assert!(
        windowed * 10 > total * 8,
        "{windowed} of {total} edits windowed"
    );
    eprintln!("{windowed} of {total} plain edits rendered as a window");
}

/// Line endings of every kind, typed into text written with each of them: CommonMark ends a
/// line at `\n`, `\r\n` and a lone `\r` alike (old Mac files, a paste from some tools).
const LINE_ENDINGS: &[&str] = &[
    "a",
    "中",
    "\r",
    "\r\n",
    "\r\r",
    "\n",
    "\r\n\r\n",
    "# ",
    "- ",
    "3. ",
    "> ",
    "```\r",
    "[x]: /u\r",
    "[link][x]",
    "<div>\r",
    "    ",
];

#[test]
fn text_with_any_line_ending_stays_equal_to_a_whole_render_through_random_edits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let mut files = Vec::new();
    markdown_files(&root.join("posts/content"), &mut files);
    assert!(files.len() > 5, "{files:?}");
    for (i, f) in files.iter().enumerate() {
        let md = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        for (ending, name) in [("\r\n", "CRLF"), ("\r", "CR")] {
            let md = md.replace('\n', ending);
            let what = format!("{} with {name} line endings", f.display());
            run(&md, &what, i as u64 + 1, 30, LINE_ENDINGS);
        }
    }
}

#[test]
fn edits_from_scratch_build_a_post() {
    for seed in 1..40 {
        run("", &format!("seed {seed}"), seed, 60, SNIPPETS);
    }
}

fn long_post() -> String {
    let mut md = String::new();
    for i in 0..200 {
        md.push_str(&format!(
            "## Section {i}\n\n调谐循环 reconciles the state, paragraph {i}.\n\n```go\nfunc f{i}() int {{ return {i} }}\n```\n\n"
        ));
    }
    md
}

#[test]
fn a_prose_edit_re_renders_one_unit_and_moves_the_rest() {
    let o = RenderOptions::default();
    let mut inc = Incremental::new();
    let mut md = long_post();
    let first = inc.update(&md, &o);
    assert_eq!(first.base_version, 0);
    assert_eq!(first.insert.len(), 600);
    let at = md.find("paragraph 100.").unwrap();
    md.insert_str(at, "edited ");
    let u = inc.update(&md, &o);
    assert!(!inc.last_was_whole());
    assert_eq!((u.remove, u.insert.len()), (1, 1), "{u:?}");
    assert!(u.insert[0].html.contains("edited paragraph 100."));
    assert_eq!(u.line_delta, 0);
    assert_eq!(first.toc.as_ref().map(Vec::len), Some(200));
    assert_eq!(
        u.toc, None,
        "typing in prose does not send the outline again"
    );
    assert_eq!((u.images, u.warnings), (None, None));
    // A new line: the units after it move one line down without being re-sent.
    md.insert_str(at, "line\n");
    let u = inc.update(&md, &o);
    assert_eq!((u.remove, u.insert.len(), u.line_delta), (1, 1, 1), "{u:?}");
    assert!(u.replace.is_empty());
    let toc = u.toc.expect("the headings below moved a line");
    assert_eq!(toc[150].line, render_whole(&md, &o).toc[150].line);
    // A new heading, then typing in it: the outline each time.
    let at = md.find("## Section 120\n").unwrap();
    md.insert_str(at, "## New\n\n");
    let u = inc.update(&md, &o);
    assert_eq!(u.toc.map(|t| t.len()), Some(201));
    md.insert_str(at + 6, "er");
    let toc = inc.update(&md, &o).toc.expect("a heading's text changed");
    assert!(toc.iter().any(|t| t.text == "Newer"), "{toc:?}");
    // A code edit re-renders that code block only.
    let at = md.find("return 150").unwrap();
    md.insert_str(at, "1 + ");
    let u = inc.update(&md, &o);
    assert_eq!((u.remove, u.insert.len()), (1, 1), "{u:?}");
    assert!(u.insert[0].html.contains("pre"), "{u:?}");
    assert_eq!(u.words, render_whole(&md, &o).words);
}

#[test]
fn a_quote_left_open_decides_the_words_of_later_units_without_a_whole_render() {
    let o = RenderOptions {
        typographer: true,
        cjk: true,
        ..Default::default()
    };
    let mut inc = Incremental::new();
    // Alone, `他说"hello"。` keeps both quotes as `&quot;`; after a quote left open the
    // second one closes it (`&rdquo;`, one character more in CJK mode).
    let mut md = long_post().replace("paragraph 150.", "他说\"hello\"。");
    inc.update(&md, &o);
    let before = render_whole(&md, &o).words;
    md.insert_str(md.find("paragraph 10.").unwrap(), "\"open ");
    let u = inc.update(&md, &o);
    assert!(
        !inc.last_was_whole(),
        "an open quote rendered the page whole"
    );
    // `&ldquo;open` is one (ASCII) word, and the later `&rdquo;` one character more.
    assert_eq!(u.words, before + 2);
    assert_eq!(u.words, render_whole(&md, &o).words);
    // Typing between the open quote and the one it decides, then after both.
    for at in ["paragraph 100.", "paragraph 190."] {
        md.insert_str(md.find(at).unwrap(), "more ");
        let u = inc.update(&md, &o);
        assert!(!inc.last_was_whole());
        assert_eq!(u.words, render_whole(&md, &o).words, "typing before {at}");
    }
    md = md.replacen("\"open ", "", 1);
    let u = inc.update(&md, &o);
    assert!(!inc.last_was_whole());
    assert_eq!(u.words, render_whole(&md, &o).words);
}

#[test]
fn a_quote_opened_before_a_footnote_and_links_to_later_definitions_count_as_the_page_does() {
    let o = RenderOptions {
        typographer: true,
        cjk: true,
        ..Default::default()
    };
    // A reference to a definition further down counts as its link text, from the first render.
    let mut md = format!(
        "见[源码][src]。\n\n{}引用[^1]。\n\n[src]: https://example.com/\n\n[^1]: 她说\"再见\"。\n",
        long_post()
    );
    let mut inc = Incremental::new();
    assert_eq!(inc.update(&md, &o).words, render_whole(&md, &o).words);
    // The note's text is counted where the page writes it, with the quote opened far above.
    md.insert_str(md.find("paragraph 10.").unwrap(), "\"open ");
    let u = inc.update(&md, &o);
    assert!(!inc.last_was_whole());
    assert_eq!(u.words, render_whole(&md, &o).words);
    md = md.replacen("\"open ", "", 1);
    assert_eq!(inc.update(&md, &o).words, render_whole(&md, &o).words);
}

#[test]
fn an_open_fence_renders_the_page_whole_and_closing_it_goes_back_to_units() {
    let o = RenderOptions::default();
    let mut inc = Incremental::new();
    let mut md = long_post();
    inc.update(&md, &o);
    let at = md
        .find("调谐循环 reconciles the state, paragraph 10.")
        .unwrap();
    md.insert_str(at, "```\n");
    inc.update(&md, &o);
    assert!(inc.last_was_whole(), "an open fence swallows the rest");
    md.insert_str(at + 4, "x\n```\n");
    inc.update(&md, &o);
    md.insert(at + 4, 'y');
    let u = inc.update(&md, &o);
    assert!(!inc.last_was_whole());
    assert_eq!((u.remove, u.insert.len()), (1, 1), "{u:?}");
}

#[test]
fn a_new_renderer_never_takes_a_version_another_one_gave_out() {
    // The preview of post A at version v, then a renderer for post B: B's versions must not
    // include v, or the app would patch A's page as if it were B's.
    let o = RenderOptions::default();
    let mut a = Incremental::new();
    let va = a.update("# A\n\nalpha\n", &o).version;
    let mut b = Incremental::new();
    let first = b.update("# B\n\nbeta\n", &o);
    assert_eq!(first.base_version, 0);
    assert_ne!(first.version, va);
    assert_ne!(b.update("# B\n\nbeta!\n", &o).version, va);
    assert_ne!(first.version, 0);
}
