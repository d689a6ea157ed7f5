//! Heading anchors the way Hugo's goldmark (`autoHeadingIDType = "github"`) makes them.

use std::collections::HashSet;

/// Hands out unique heading ids in document order (`intro`, `intro-1`, …).
#[derive(Default)]
pub(crate) struct HeadingIds {
    used: HashSet<String>,
}

impl HeadingIds {
    /// An id derived from the heading's text.
    pub(crate) fn auto(&mut self, text: &str) -> String {
        let base = github_anchor(text);
        let base = if base.is_empty() {
            "heading".to_string()
        } else {
            base
        };
        self.claim(&base)
    }

    /// Records an id handed out earlier on the page.
    pub(crate) fn taken(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    /// The given id, suffixed when already taken.
    pub(crate) fn claim(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 0;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }
}

/// Lower-cased letters, digits and `_` kept; spaces and `-` become `-`; the rest dropped.
pub fn github_anchor(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            ' ' | '-' => Some('-'),
            c if c == '_' || c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}
