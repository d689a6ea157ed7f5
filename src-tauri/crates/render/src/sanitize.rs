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
    // MathML Core, as the math typesetter writes it (see `math.rs`).
    .add_tags(MATHML.iter().map(|(tag, _)| *tag))
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
    .add_tag_attributes("div", ["class", "id", "role"])
    .add_tag_attributes("li", ["id"])
    .add_tag_attributes("sup", ["id", "class", "role"])
    .add_tag_attributes("a", ["id", "class", "role"])
    .add_tag_attributes("input", ["type", "checked", "disabled"])
    .add_tag_attributes("th", ["style"])
    .add_tag_attributes("td", ["style"])
    .add_tag_attributes("img", ["loading"])
    .filter_style_properties(HashSet::from([
        "text-align",
        "justify-items",
        "padding-left",
        "padding-right",
        // What math uses: `\color`, `\!`, `\tag`, bordered arrays.
        "color",
        "background-color",
        "font-size",
        "margin-left",
        "margin-right",
        "width",
        "border",
        "border-top",
        "border-bottom",
        "border-left",
        "border-right",
    ]))
    .add_url_schemes([IMAGE_SCHEME])
    .attribute_filter(|element, attribute, value| match (element, attribute) {
        // Task-list checkboxes only, and never editable.
        ("input", "type") => (value == "checkbox").then(|| value.into()),
        _ => Some(value.into()),
    })
    .set_tag_attribute_value("input", "disabled", "");
    for (tag, attrs) in MATHML {
        b.add_tag_attributes(tag, attrs.iter().copied());
    }
    b
});

/// The MathML elements and attributes a formula may use: MathML Core's presentation
/// markup, no links (`href`) and no scripts.
const MATHML: &[(&str, &[&str])] = &[
    ("math", &["display", "class"]),
    ("mrow", &["style", "class", "displaystyle", "scriptlevel"]),
    ("mi", &["mathvariant"]),
    ("mn", &[]),
    (
        "mo",
        &[
            "lspace",
            "rspace",
            "stretchy",
            "fence",
            "separator",
            "symmetric",
            "largeop",
            "movablelimits",
            "form",
            "minsize",
            "maxsize",
            "accent",
        ],
    ),
    ("ms", &[]),
    ("mtext", &["style"]),
    ("mspace", &["width", "height", "depth", "style"]),
    ("msup", &[]),
    ("msub", &[]),
    ("msubsup", &[]),
    ("mfrac", &["linethickness", "displaystyle", "scriptlevel"]),
    ("msqrt", &[]),
    ("mroot", &[]),
    ("munder", &["accentunder"]),
    ("mover", &["accent"]),
    ("munderover", &["accent", "accentunder"]),
    ("mtable", &["displaystyle", "scriptlevel", "class", "style"]),
    ("mtr", &[]),
    ("mtd", &["columnspan", "rowspan", "style"]),
    (
        "mstyle",
        &[
            "displaystyle",
            "scriptlevel",
            "mathcolor",
            "mathbackground",
            "style",
        ],
    ),
    (
        "mpadded",
        &["width", "height", "depth", "lspace", "voffset", "style"],
    ),
    ("mphantom", &[]),
    ("menclose", &["notation"]),
    ("merror", &[]),
    ("mmultiscripts", &[]),
    ("mprescripts", &[]),
    ("none", &[]),
    ("semantics", &[]),
    ("annotation", &["encoding"]),
];

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
pub(crate) fn shift_lines(html: &str, delta: i64) -> String {
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

/// Consecutive top-level blocks that are sanitized together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    /// Indices of its blocks.
    pub(crate) blocks: std::ops::Range<usize>,
    /// Some block holds raw HTML.
    pub(crate) raw: bool,
}

/// Groups the blocks so that raw HTML which leaves elements open is sanitized together with
/// the blocks up to where they close (to the end when the counting cannot follow it).
pub(crate) fn group_blocks(blocks: &[crate::markdown::RawHtml]) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut first = 0;
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
        groups.push(Group {
            blocks: first..i + 1,
            raw,
        });
        first = i + 1;
        open.clear();
        raw = false;
    }
    groups
}

/// The HTML of each group: `(start, end)` byte offsets in the page's HTML, or `None` when a
/// recorded end is not a boundary of `html` after all.
pub(crate) fn group_spans(
    html: &str,
    blocks: &[crate::markdown::RawHtml],
    groups: &[Group],
) -> Option<Vec<(usize, usize)>> {
    let mut spans = Vec::with_capacity(groups.len());
    let mut start = 0;
    for (gi, g) in groups.iter().enumerate() {
        let end = if gi + 1 == groups.len() {
            html.len()
        } else {
            blocks
                .get(g.blocks.end.checked_sub(1)?)?
                .end
                .min(html.len())
        };
        html.get(start..end)?;
        spans.push((start, end));
        start = end;
    }
    Some(spans)
}

/// Sanitizes the page's HTML block by block (`blocks[i].end` is where block i ends), each
/// group of blocks once: what was sanitized before (the same HTML, wherever its lines moved)
/// comes from the cache. Blocks whose raw HTML leaves elements open are grouped with the
/// following ones until they close; groups holding raw HTML are cached with their absolute
/// lines (their own attributes are never rewritten).
pub(crate) fn clean_blocks(html: &str, blocks: &[crate::markdown::RawHtml]) -> String {
    let groups = group_blocks(blocks);
    let Some(spans) = group_spans(html, blocks, &groups) else {
        // Not a block boundary after all: one pass over the page, nothing dropped.
        return clean(html);
    };
    let mut out = String::with_capacity(html.len());
    for (g, (start, end)) in groups.iter().zip(spans) {
        out.push_str(&clean_group(&html[start..end], g.raw));
    }
    out
}

/// Sanitizes a group with every `data-line` made relative to `base` (through the cache).
/// Only for groups without raw HTML: their attributes are all ours.
pub(crate) fn clean_relative(group: &str, base: i64) -> String {
    cached(&shift_lines(group, -base))
}

/// Sanitizes HTML through the cache, as it is.
pub(crate) fn cached(html: &str) -> String {
    let key = (hash(html), html.len());
    if let Some(hit) = BLOCKS.lock().ok().and_then(|c| c.map.get(&key).cloned()) {
        return hit;
    }
    let clean = SANITIZER.clean(html).to_string();
    if let Ok(mut cache) = BLOCKS.lock() {
        cache.bytes += clean.len() + html.len();
        if cache.bytes > BLOCK_CACHE_BYTES {
            cache.map.clear();
            cache.bytes = clean.len() + html.len();
        }
        cache.map.insert(key, clean.clone());
    }
    clean
}

fn clean_group(group: &str, raw: bool) -> String {
    let base = if raw { None } else { first_line(group) };
    match base {
        Some(b) => shift_lines(&clean_relative(group, b), b),
        None => cached(group),
    }
}
