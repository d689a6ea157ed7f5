//! Full-text search over titles, tags and bodies. Matching is by substring on lower-cased
//! text, so Chinese (written without spaces) is found inside a sentence; every word of the
//! query must match. Results carry a snippet around the first match.

use serde::Serialize;

use crate::{Blog, read_text};

/// One search result.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub path: String,
    pub title: String,
    /// About eighty characters of the body around the first match.
    pub snippet: String,
    pub score: u32,
}

struct Entry {
    path: String,
    title: String,
    body: String,
    title_lc: String,
    tags_lc: Vec<String>,
    body_lc: Folded,
}

/// Lower case a character at a time, the same for the text and the query (`str::to_lowercase`
/// would turn a word-final `Σ` into `ς` in one and `σ` in the other).
fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// A text lower-cased for matching, with the way back to the original's byte offsets:
/// lower-casing changes the length of some characters (`İ` → `i̇`, `ẞ` → `ß`), so an offset in
/// the folded text is not one in the original. Only such characters are recorded (none in
/// ASCII or CJK text).
struct Folded {
    text: String,
    /// (folded start, folded end, original start, original end) of each character whose
    /// lower case has another length, in order.
    marks: Vec<(usize, usize, usize, usize)>,
}

impl Folded {
    fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut marks = Vec::new();
        for (at, c) in original.char_indices() {
            let start = text.len();
            text.extend(c.to_lowercase());
            if text.len() - start != c.len_utf8() {
                marks.push((start, text.len(), at, at + c.len_utf8()));
            }
        }
        Folded { text, marks }
    }

    /// The original offset of folded offset `o`; inside a character whose lower case is
    /// longer, its start (`round_up`: its end).
    fn original(&self, o: usize, round_up: bool) -> usize {
        let i = self.marks.partition_point(|m| m.0 <= o);
        match i.checked_sub(1).map(|i| self.marks[i]) {
            None => o,
            Some((fs, fe, os, oe)) if o < fe => {
                if round_up && o > fs {
                    oe
                } else {
                    os
                }
            }
            Some((_, fe, _, oe)) => oe + (o - fe),
        }
    }
}

fn entry(blog: &Blog, ctx: &crate::post::Context<'_>, rel: String) -> Entry {
    let text = read_text(&blog.root().join(&rel)).unwrap_or_default();
    // Only the title, the terms and the body: no word count or summary.
    let (title, tags, body) = match ctx.read_uncounted(&rel, &text) {
        Ok(doc) => {
            let mut tags = doc.post.tags.clone();
            tags.extend(doc.post.categories.iter().cloned());
            (doc.post.title, tags, doc.body)
        }
        Err(_) => (rel.clone(), Vec::new(), String::new()),
    };
    Entry {
        title_lc: fold(&title),
        tags_lc: tags.iter().map(|t| fold(t)).collect(),
        body_lc: Folded::new(&body),
        path: rel,
        title,
        body,
    }
}

/// The searchable text of every post of a blog.
pub struct Index {
    entries: Vec<Entry>,
}

impl Index {
    /// Reads every post once (a post that cannot be read is searched by its path only).
    pub fn build(blog: &Blog) -> Index {
        let ctx = crate::post::Context::new(blog.site(), jiff::Timestamp::now());
        let entries = crate::par::map(&blog.post_paths(), |rel| entry(blog, &ctx, rel.clone()));
        Index { entries }
    }

    /// Brings the index up to date after `changed` (blog-relative paths) were written, created
    /// or deleted: only those files are read again. A new file is added when it is a post.
    pub fn refresh(&mut self, blog: &Blog, changed: &[String]) {
        let ctx = crate::post::Context::new(blog.site(), jiff::Timestamp::now());
        let mut posts: Option<std::collections::HashSet<String>> = None;
        for rel in changed {
            let at = self.entries.iter().position(|e| e.path == *rel);
            let exists = blog.root().join(rel).is_file();
            match (at, exists) {
                (Some(i), true) => self.entries[i] = entry(blog, &ctx, rel.clone()),
                (Some(i), false) => {
                    self.entries.remove(i);
                }
                (None, true) => {
                    let all = posts.get_or_insert_with(|| blog.post_paths().into_iter().collect());
                    if all.contains(rel) {
                        self.entries.push(entry(blog, &ctx, rel.clone()));
                    }
                }
                (None, false) => {}
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Posts matching every word of `query`, best first: title, then tags, then body hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words: Vec<String> = query.split_whitespace().map(fold).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = Vec::new();
        for e in &self.entries {
            let mut score = 0u32;
            let mut first_body = None;
            for w in &words {
                let mut s = 0;
                if e.title_lc.contains(w.as_str()) {
                    s += 20;
                }
                if e.tags_lc.iter().any(|t| t == w) {
                    s += 12;
                } else if e.tags_lc.iter().any(|t| t.contains(w.as_str())) {
                    s += 6;
                }
                if let Some(at) = e.body_lc.text.find(w.as_str()) {
                    let start = e.body_lc.original(at, false);
                    let end = e.body_lc.original(at + w.len(), true);
                    first_body.get_or_insert((start, end - start));
                    s += 1 + e.body_lc.text.matches(w.as_str()).take(9).count() as u32;
                }
                if s == 0 {
                    score = 0;
                    break;
                }
                score += s;
            }
            if score > 0 {
                hits.push(Hit {
                    path: e.path.clone(),
                    title: e.title.clone(),
                    snippet: snippet(e, first_body),
                    score,
                });
            }
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.path.cmp(&b.path)));
        hits.truncate(limit);
        hits
    }
}

/// About ninety characters of the original body around the match at `at` (byte offset and
/// length in the original).
fn snippet(e: &Entry, at: Option<(usize, usize)>) -> String {
    let text = &e.body;
    let (start, len) = at.unwrap_or((0, 0));
    let len = text[start..].chars().take_while({
        let mut n = 0;
        move |c| {
            n += c.len_utf8();
            n <= len
        }
    });
    let len = len.count();
    let before: String = {
        let mut chars: Vec<char> = text[..start].chars().rev().take(30).collect();
        chars.reverse();
        chars.into_iter().collect()
    };
    let after: String = text[start..].chars().take(60 + len).collect();
    // Runs of white space (line breaks included) become one space; the ellipses go on after,
    // so one never stands apart from the word it cuts.
    let window = format!("{before}{after}");
    let mut out = String::new();
    if before.len() < start {
        out.push('…');
    }
    out.push_str(&window.split_whitespace().collect::<Vec<_>>().join(" "));
    if start + after.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(docs: &[(&str, &str, &[&str], &str)]) -> Index {
        Index {
            entries: docs
                .iter()
                .map(|(path, title, tags, body)| Entry {
                    path: path.to_string(),
                    title: title.to_string(),
                    body: body.to_string(),
                    title_lc: fold(title),
                    tags_lc: tags.iter().map(|t| fold(t)).collect(),
                    body_lc: Folded::new(body),
                })
                .collect(),
        }
    }

    /// Characters whose lower case has another length, ligatures, combining marks, CJK.
    const TRICKY: &[&str] = &[
        "İ",
        "ẞ",
        "ß",
        "ﬁ",
        "Σ",
        "ς",
        "e\u{301}",
        "\u{301}",
        "Å",
        "K",
        "调谐",
        "控制器",
        "a",
        "B",
        " ",
        "straße",
        "ǅ",
        "ȺȾ",
        "😀",
    ];

    #[test]
    fn a_match_after_characters_that_change_length_when_lower_cased_does_not_panic() {
        // İ (2 bytes) lower-cases to i̇ (3), ẞ (3) to ß (2): same total length, other offsets.
        let idx = index(&[("a.md", "T", &[], "İẞ straße")]);
        let hits = idx.search("ß", 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].snippet, "İẞ straße");
        let idx = index(&[("a.md", "T", &[], "ȺȺȺȺ and then the word kprobe follows")]);
        assert!(idx.search("kprobe", 10)[0].snippet.contains("kprobe"));
    }

    #[test]
    fn an_ellipsis_stands_against_the_text_it_cuts() {
        // 30 characters before the match start on a space, 66 from it end on one.
        let body = format!(
            "{} {} kprobe {} {}",
            "a".repeat(40),
            "b".repeat(28),
            "c".repeat(58),
            "d".repeat(100)
        );
        let idx = index(&[("a.md", "T", &[], &body)]);
        let s = &idx.search("kprobe", 10)[0].snippet;
        assert_eq!(
            s,
            &format!("…{} kprobe {}…", "b".repeat(28), "c".repeat(58))
        );
    }

    proptest::proptest! {
        #[test]
        fn search_never_panics_and_snippets_are_the_original_text(
            body in proptest::collection::vec(proptest::sample::select(TRICKY), 0..60),
            query in proptest::collection::vec(proptest::sample::select(TRICKY), 1..4),
        ) {
            let body: String = body.concat();
            let query: String = query.concat();
            let idx = index(&[("a.md", "T", &[], &body)]);
            let hits = idx.search(&query, 10);
            let words: Vec<String> = query.split_whitespace().map(fold).collect();
            // Text and query are folded a character at a time (`Σ` is `σ` wherever it stands).
            let folded = fold(&body);
            let expect = !words.is_empty()
                && words.iter().all(|w| "t".contains(w.as_str()) || folded.contains(w.as_str()));
            proptest::prop_assert_eq!(hits.len(), usize::from(expect));
            let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
            for h in hits {
                let inner = h.snippet.trim_matches('…');
                proptest::prop_assert!(flat.contains(inner), "{:?} not in {:?}", inner, flat);
                // An ellipsis stands against the text it cuts.
                proptest::prop_assert!(
                    !inner.starts_with(' ') && !inner.ends_with(' '),
                    "{:?}",
                    h.snippet
                );
            }
        }
    }

    #[test]
    fn chinese_is_found_inside_a_sentence_and_every_word_must_match() {
        let idx = index(&[
            (
                "a.md",
                "控制器",
                &["kubernetes"],
                "控制器的调谐循环把实际状态推向期望状态。",
            ),
            (
                "b.md",
                "TCP BBR",
                &["tcp"],
                "BBR estimates bandwidth; no 调谐 here? yes: 调谐.",
            ),
            ("c.md", "Go", &["go"], "errgroup bounds concurrency"),
        ]);
        let hits = idx.search("调谐", 10);
        assert_eq!(
            hits.iter().map(|h| h.path.as_str()).collect::<Vec<_>>(),
            ["b.md", "a.md"]
        );
        assert!(hits[1].snippet.contains("调谐循环"), "{}", hits[1].snippet);
        assert_eq!(idx.search("调谐 kubernetes", 10).len(), 1);
        assert_eq!(idx.search("TCP", 10)[0].path, "b.md");
        assert!(idx.search("nothing-like-this", 10).is_empty());
        assert!(idx.search("   ", 10).is_empty());
    }

    #[test]
    fn refresh_reads_only_what_changed_and_follows_new_and_deleted_posts() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("hugo.toml"), "title = \"T\"\n").unwrap();
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        let post = |name: &str, title: &str, body: &str| {
            std::fs::write(
                root.join("content/posts").join(name),
                format!("---\ntitle: \"{title}\"\n---\n\n{body}\n"),
            )
            .unwrap();
        };
        post("a.md", "调谐", "reconcile loop");
        post("b.md", "BBR", "bandwidth probing");
        let blog = Blog::open(root).unwrap();
        let mut idx = Index::build(&blog);
        assert_eq!(idx.len(), 2);
        post("a.md", "调谐", "informer cache");
        post("c.md", "eBPF", "kprobe on tcp_retransmit_skb");
        std::fs::remove_file(root.join("content/posts/b.md")).unwrap();
        std::fs::write(root.join("content/posts/notes.txt"), "kprobe").unwrap();
        // Unchanged files are not read again: this edit stays unseen until it is reported.
        post("untracked-edit.md", "x", "y");
        idx.refresh(
            &blog,
            &[
                "content/posts/a.md".into(),
                "content/posts/b.md".into(),
                "content/posts/c.md".into(),
                "content/posts/notes.txt".into(),
            ],
        );
        assert_eq!(idx.len(), 2);
        assert!(idx.search("reconcile", 5).is_empty());
        assert_eq!(idx.search("informer", 5)[0].path, "content/posts/a.md");
        assert_eq!(idx.search("kprobe", 5)[0].path, "content/posts/c.md");
        assert!(idx.search("bandwidth", 5).is_empty());
    }
}
