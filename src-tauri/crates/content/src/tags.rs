//! Tag and category counts across a blog, the way the generator groups terms.

use serde::Serialize;

use crate::post::Post;

/// One term with how many posts carry it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TermCount {
    /// As first written (Hugo and Jekyll group terms case-insensitively in URLs).
    pub name: String,
    /// Posts the default build publishes.
    pub posts: usize,
    /// Drafts, scheduled and expired posts, counted apart.
    pub unpublished: usize,
}

/// Counts terms picked by `pick` over `posts`, most used first, then by name.
pub fn count<'p>(
    posts: impl IntoIterator<Item = &'p Post>,
    pick: impl Fn(&Post) -> &[String],
) -> Vec<TermCount> {
    let mut terms: Vec<TermCount> = Vec::new();
    for post in posts {
        if post.error.is_some() {
            continue;
        }
        let published = post.status == crate::Status::Published;
        for name in pick(post) {
            let key = name.to_lowercase();
            let idx = match terms.iter().position(|t| t.name.to_lowercase() == key) {
                Some(i) => i,
                None => {
                    terms.push(TermCount {
                        name: name.clone(),
                        posts: 0,
                        unpublished: 0,
                    });
                    terms.len() - 1
                }
            };
            if published {
                terms[idx].posts += 1;
            } else {
                terms[idx].unpublished += 1;
            }
        }
    }
    terms.sort_by(|a, b| {
        (b.posts + b.unpublished)
            .cmp(&(a.posts + a.unpublished))
            .then_with(|| a.name.cmp(&b.name))
    });
    terms
}
