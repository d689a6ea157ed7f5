//! inkstone-render: one Markdown post in, safe highlighted HTML and the numbers users see out.
//!
//! The whole API is [`render`]: a configured pulldown-cmark parser, one event-stream
//! transform (source lines, heading ids, highlighted code, resolved images, the summary
//! divider), and one ammonia pass over the result. Word counts follow the site generator's
//! own rules (see [`words`]). Nothing here touches the file system or a UI.

mod headings;
mod highlight;
mod incremental;
mod markdown;
mod sanitize;
pub mod words;

use serde::Serialize;

pub use highlight::{Theme, highlight_css, known_language};
pub use incremental::{Block, Incremental, Replaced, Update};
pub use words::{Counting, WordStats};

/// How a post is rendered. `Default` is plain GFM with Hugo's counting rules, no CJK mode.
#[derive(Default)]
pub struct RenderOptions<'a> {
    /// Which generator's Markdown flavour and word-count rules apply.
    pub counting: Counting,
    /// The page counts words in CJK mode (Hugo `hasCJKLanguage` + CJK text, or Jekyll "auto").
    pub cjk: bool,
    /// Hugo's typographer is on (`markup.goldmark.extensions.typographer`, default true):
    /// ASCII quotes, dashes and dots become entities that Hugo's word count sees.
    pub typographer: bool,
    /// Raw HTML counts as text (Hugo `markup.goldmark.renderer.unsafe = true`).
    pub raw_html_is_content: bool,
    /// Added to every source line reported, e.g. the front matter's line count.
    pub line_offset: usize,
    /// Maps an image `src` to a file inside the blog, relative to its root with `/`.
    pub images: Option<&'a dyn ImageResolver>,
    /// When set, resolved local images are rewritten to `<base><blog-relative path>`, so a
    /// webview can load them through a custom scheme.
    pub image_base: Option<&'a str>,
}

/// Resolves an image reference of the post to a file of the blog.
pub trait ImageResolver {
    /// `Some(path relative to the blog root)` when `src` names an existing local file.
    fn resolve(&self, src: &str) -> Option<String>;
}

/// What [`render`] returns.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML of the body; every block element carries `data-line` (1-based).
    pub html: String,
    /// Headings in order, for an outline.
    pub toc: Vec<TocEntry>,
    /// Words as the generator counts them.
    pub words: usize,
    /// Reading time in minutes as the generator computes it.
    pub reading_minutes: usize,
    /// Every image of the post, local or remote.
    pub images: Vec<ImageRef>,
    /// Source line of the `<!--more-->` summary divider, if any.
    pub summary_divider_line: Option<usize>,
    /// Things worth telling the writer; none of them stops rendering.
    pub warnings: Vec<Warning>,
}

/// One heading of the post.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
    pub line: usize,
}

/// One image reference.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImageRef {
    /// As written in the post.
    pub src: String,
    /// Blog-relative path of the local file, when it resolves to one.
    pub local: Option<String>,
    pub line: usize,
}

/// A non-fatal finding while rendering.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub kind: WarningKind,
    pub message: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A fenced block names a language we cannot highlight; it shows as plain code.
    UnknownLanguage,
    /// A relative or site-absolute image that is not a file in the blog.
    MissingImage,
    /// Raw HTML in the post: shown sanitized, without scripts or event handlers.
    RawHtml,
}

/// Sanitizes an HTML fragment with the same rules as [`render`] (exposed for tests and for
/// HTML that does not come from Markdown).
pub fn sanitize_html(html: &str) -> String {
    sanitize::clean(html)
}

/// Renders a post body (no front matter) to sanitized HTML plus its numbers.
pub fn render(markdown: &str, options: &RenderOptions<'_>) -> Rendered {
    // Sanitized block by block, each through a cache: a keystroke re-sanitizes one block.
    let (mut out, nets) = markdown::to_html_blocks(markdown, options);
    out.html = sanitize::clean_blocks(&out.html, &nets);
    let stats = words::stats(markdown, options);
    out.words = stats.words;
    out.reading_minutes = stats.reading_minutes;
    out
}

/// Renders like [`render`] in one sanitizing pass over the whole page, without the block
/// cache: the reference that block-wise rendering must equal (tests, benchmarks).
pub fn render_whole(markdown: &str, options: &RenderOptions<'_>) -> Rendered {
    let mut out = markdown::to_html(markdown, options);
    out.html = sanitize::clean(&out.html);
    let stats = words::stats(markdown, options);
    out.words = stats.words;
    out.reading_minutes = stats.reading_minutes;
    out
}

#[cfg(test)]
mod tests;
