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
    body_lc: String,
}

/// The searchable text of every post of a blog.
pub struct Index {
    entries: Vec<Entry>,
}

impl Index {
    /// Reads every post once (a post that cannot be read is searched by its path only).
    pub fn build(blog: &Blog) -> Index {
        let mut entries = Vec::new();
        for rel in blog.post_paths() {
            let text = read_text(&blog.root().join(&rel)).unwrap_or_default();
            let (title, tags, body) = match blog.read_text_as(&rel, &text) {
                Ok(doc) => {
                    let mut tags = doc.post.tags.clone();
                    tags.extend(doc.post.categories.iter().cloned());
                    (doc.post.title, tags, doc.body)
                }
                Err(_) => (rel.clone(), Vec::new(), String::new()),
            };
            entries.push(Entry {
                title_lc: title.to_lowercase(),
                tags_lc: tags.iter().map(|t| t.to_lowercase()).collect(),
                body_lc: body.to_lowercase(),
                path: rel,
                title,
                body,
            });
        }
        Index { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Posts matching every word of `query`, best first: title, then tags, then body hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
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
                if let Some(at) = e.body_lc.find(w.as_str()) {
                    first_body.get_or_insert((at, w.len()));
                    s += 1 + e.body_lc.matches(w.as_str()).take(9).count() as u32;
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

fn snippet(e: &Entry, at: Option<(usize, usize)>) -> String {
    // Lower-casing keeps byte offsets for ASCII and CJK; otherwise show the lower-cased text.
    let text = if e.body.len() == e.body_lc.len() {
        &e.body
    } else {
        &e.body_lc
    };
    let (start, len) = at.unwrap_or((0, 0));
    let before: String = {
        let mut chars: Vec<char> = text[..start].chars().rev().take(30).collect();
        chars.reverse();
        chars.into_iter().collect()
    };
    let after: String = text[start..].chars().take(60 + len).collect();
    let mut out = String::new();
    if before.len() < start {
        out.push('…');
    }
    out.push_str(&before);
    out.push_str(&after);
    if start + after.len() < text.len() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
                    title_lc: title.to_lowercase(),
                    tags_lc: tags.iter().map(|t| t.to_lowercase()).collect(),
                    body_lc: body.to_lowercase(),
                })
                .collect(),
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
}
