//! The one sanitizing pass (ammonia) over rendered HTML: raw HTML in a post may render only
//! as safe markup: no script, event handlers, `javascript:`/`data:` URLs, frames, forms.

use std::collections::HashSet;
use std::sync::LazyLock;

use ammonia::Builder;

/// The URL scheme of local images served by the desktop app.
pub const IMAGE_SCHEME: &str = "inkstone";

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.add_tags([
        "input",
        "details",
        "summary",
        "kbd",
        "figure",
        "figcaption",
        "section",
        "abbr",
    ])
    .add_generic_attribute_prefixes(["data-"])
    .add_tag_attributes("h1", ["id", "class"])
    .add_tag_attributes("h2", ["id", "class"])
    .add_tag_attributes("h3", ["id", "class"])
    .add_tag_attributes("h4", ["id", "class"])
    .add_tag_attributes("h5", ["id", "class"])
    .add_tag_attributes("h6", ["id", "class"])
    .add_tag_attributes("span", ["class"])
    .add_tag_attributes("code", ["class"])
    .add_tag_attributes("pre", ["class"])
    .add_tag_attributes("div", ["class", "id"])
    .add_tag_attributes("li", ["id"])
    .add_tag_attributes("sup", ["id", "class"])
    .add_tag_attributes("a", ["id", "class"])
    .add_tag_attributes("input", ["type", "checked", "disabled"])
    .add_tag_attributes("th", ["style"])
    .add_tag_attributes("td", ["style"])
    .add_tag_attributes("img", ["loading"])
    .filter_style_properties(HashSet::from(["text-align"]))
    .add_url_schemes([IMAGE_SCHEME])
    .attribute_filter(|element, attribute, value| match (element, attribute) {
        // Task-list checkboxes only, and never editable.
        ("input", "type") => (value == "checkbox").then(|| value.into()),
        _ => Some(value.into()),
    })
    .set_tag_attribute_value("input", "disabled", "");
    b
});

/// Sanitizes a rendered HTML fragment.
pub(crate) fn clean(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Sanitized groups of blocks, by the hash of their HTML with block-relative line numbers:
/// typing in one paragraph re-sanitizes that paragraph, not the page.
#[derive(Default)]
struct BlockCache {
    map: std::collections::HashMap<(u64, usize), String>,
    bytes: usize,
}

static BLOCKS: LazyLock<std::sync::Mutex<BlockCache>> = LazyLock::new(Default::default);

/// The cache is dropped whole when it holds more than this many bytes of HTML.
const BLOCK_CACHE_BYTES: usize = 64 << 20;

const LINE_ATTR: &str = "data-line=\"";

/// Rewrites every `data-line="N"` (N canonical decimal) to `N + delta`.
fn shift_lines(html: &str, delta: i64) -> String {
    if delta == 0 {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(i) = rest.find(LINE_ATTR) {
        let (head, tail) = rest.split_at(i + LINE_ATTR.len());
        out.push_str(head);
        let digits = tail
            .find(|c: char| !(c.is_ascii_digit() || c == '-'))
            .unwrap_or(tail.len());
        match tail[..digits].parse::<i64>() {
            Ok(n) if tail[..digits] == n.to_string() => {
                out.push_str(&(n + delta).to_string());
                rest = &tail[digits..];
            }
            _ => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

fn first_line(html: &str) -> Option<i64> {
    let i = html.find(LINE_ATTR)? + LINE_ATTR.len();
    let tail = &html[i..];
    let end = tail.find(|c: char| !c.is_ascii_digit())?;
    tail[..end].parse().ok()
}

fn hash(s: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(s)
}

/// Sanitizes the page's HTML block by block (`blocks[i].end` is where block i ends), each
/// group of blocks once: what was sanitized before (the same HTML, wherever its lines moved)
/// comes from the cache. Blocks whose raw HTML leaves elements open are grouped with the
/// following ones until they close; groups holding raw HTML are cached with their absolute
/// lines (their own attributes are never rewritten).
pub(crate) fn clean_blocks(html: &str, blocks: &[crate::markdown::RawHtml]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut start = 0;
    // Elements the group's raw HTML has opened and not closed, by name.
    let mut open: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut tags = Vec::new();
    // Something the tag counting cannot follow: the rest of the page is one group.
    let mut to_end = false;
    let mut raw = false;
    for (i, block) in blocks.iter().enumerate() {
        raw |= block.present;
        if block.present {
            tags.clear();
            if !crate::markdown::raw_tags(&block.text, &mut tags) {
                to_end = true;
            }
            for (name, end_tag) in tags.drain(..) {
                if !end_tag {
                    *open.entry(name).or_default() += 1;
                } else if let Some(n) = open.get_mut(&name) {
                    *n -= 1;
                    if *n == 0 {
                        open.remove(&name);
                    }
                }
            }
        }
        let last = i + 1 == blocks.len();
        if (to_end || !open.is_empty()) && !last {
            continue;
        }
        let end = if last {
            html.len()
        } else {
            block.end.min(html.len())
        };
        let Some(group) = html.get(start..end) else {
            // Not a block boundary after all: one pass over the page, nothing dropped.
            return clean(html);
        };
        out.push_str(&clean_group(group, raw));
        start = end;
        open.clear();
        raw = false;
    }
    out
}

fn clean_group(group: &str, raw: bool) -> String {
    let base = if raw { None } else { first_line(group) };
    let relative = match base {
        Some(b) => shift_lines(group, -b),
        None => group.to_string(),
    };
    let key = (hash(&relative), relative.len());
    let cached = BLOCKS.lock().ok().and_then(|c| c.map.get(&key).cloned());
    let clean = cached.unwrap_or_else(|| {
        let clean = SANITIZER.clean(&relative).to_string();
        if let Ok(mut cache) = BLOCKS.lock() {
            cache.bytes += clean.len() + relative.len();
            if cache.bytes > BLOCK_CACHE_BYTES {
                cache.map.clear();
                cache.bytes = clean.len() + relative.len();
            }
            cache.map.insert(key, clean.clone());
        }
        clean
    });
    match base {
        Some(b) => shift_lines(&clean, b),
        None => clean,
    }
}
