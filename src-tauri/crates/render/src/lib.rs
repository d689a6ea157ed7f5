//! inkstone-render: one Markdown post in, safe highlighted HTML and the numbers users see out.
//!
//! The whole API is [`render`]: a configured pulldown-cmark parser, one event-stream
//! transform (source lines, heading ids, highlighted code, resolved images, the summary
//! divider), and one ammonia pass over the result. Word counts follow the site generator's
//! own rules (see [`words`]). Nothing here touches the file system or a UI.

mod diacritics;
mod footnotes;
mod headings;
mod highlight;
mod incremental;
mod linkify;
mod markdown;
mod math;
mod refs;
mod sanitize;
mod templates;
mod typographer;
pub mod words;

use serde::Serialize;

pub use headings::hexo_anchor as hexo_slugize;
pub use highlight::{Theme, highlight_css, known_language};
pub use incremental::{Block, Incremental, Replaced, Update};
pub use refs::{RefKind, Reference, raw_ids, references};
pub use words::{Counting, WordStats};

/// How a post is rendered. `Default` is Hugo's defaults (its Markdown extensions and counting
/// rules), no CJK mode, no typographer.
#[derive(Default)]
pub struct RenderOptions<'a> {
    /// Which generator's word-count rules apply.
    pub counting: Counting,
    /// The generator's Markdown extensions and heading ids, as the site configures them.
    pub flavor: Flavor,
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
    /// The path the site is served under (`/blog/` for a project site; `None`: `/`), which
    /// Jekyll's `relative_url` puts before a path.
    pub base_path: Option<&'a str>,
}

/// How a generator makes a heading's id from its text (the `id` a `#anchor` links to).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingIdStyle {
    /// Hugo's default (`autoHeadingIDType = "github"`): from the heading's Markdown source,
    /// Unicode letters (L*), decimal digits (Nd) and `_` kept lowercased, each space or `-`
    /// a `-`, the rest dropped; duplicates `-1`, `-2`, … skipping ids already used.
    #[default]
    Github,
    /// Hugo's `github-ascii`: accents removed (NFD, marks dropped, NFC), then ASCII only.
    GithubAscii,
    /// Hugo's `blackfriday`: letters and numbers (N*), runs of anything else one `-`.
    Blackfriday,
    /// Jekyll's kramdown with its default GFM parser: from the heading's text, lowercased,
    /// word characters, `-`, space and tab kept, each space or tab a `-`; duplicates counted
    /// per id; an empty id writes none.
    Kramdown,
    /// Hexo's hexo-renderer-marked (`slugize`): accents folded, runs of white space and ASCII
    /// punctuation one `-`, trimmed; case kept; duplicates counted per id.
    Hexo,
    /// No automatic ids (Hugo `autoHeadingID = false`): only `{#id}` ones.
    None,
}

/// Whether a bare `www.` link gets `https://` or `http://` (Hugo `linkifyProtocol`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkifyProtocol {
    #[default]
    Https,
    Http,
}

/// The generator's Markdown as the site's configuration sets it: which extensions are on and
/// how heading ids are made. `Default` is Hugo's (goldmark) defaults.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Flavor {
    pub heading_ids: HeadingIdStyle,
    /// `## Title {#id .class}` (Hugo `parser.attribute.title`, kramdown's IAL).
    pub heading_attributes: bool,
    /// Bare `https://…` and `www.…` become links (goldmark Linkify).
    pub linkify: bool,
    pub linkify_protocol: LinkifyProtocol,
    pub table: bool,
    pub strikethrough: bool,
    pub task_list: bool,
    pub footnote: bool,
    pub definition_list: bool,
    /// The site typesets math: `$$…$$` (and, as the next two say, `$…$`, `\(…\)`, `\[…\]`)
    /// (Hugo's passthrough extension with KaTeX or MathJax, kramdown's math engine with a
    /// layout that loads it, a Hexo math plugin). The preview shows it as MathML; when
    /// `false`, a `$$` block shows as typed with a note that the site will not render it.
    pub math: bool,
    /// With `math`: a single `$…$` is inline math too (KaTeX's auto-render, Hugo's
    /// passthrough with `$` delimiters); kramdown reads only `$$`.
    pub math_inline_dollar: bool,
    /// With `math`: `\(…\)` and `\[…\]` are math (Hugo's passthrough with those delimiters);
    /// elsewhere Markdown's escapes make them plain `(` and `[`.
    pub math_parens: bool,
    /// Code blocks fenced as `mermaid` become diagrams on the site (a render hook, a plugin or
    /// the theme's setting). The preview marks them for the app to draw; when `false`, they
    /// show as code with a note.
    pub mermaid: bool,
    /// The template tags the generator runs over a post before its Markdown (shortcodes,
    /// Liquid, Nunjucks): the preview shows what they make, or a card naming them.
    pub templates: Templates,
}

/// Template tags a generator expands in a post's text.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Templates {
    /// Plain Markdown: braces are text.
    #[default]
    None,
    /// Hugo shortcodes: `{{< name args >}}`, `{{% name %}}`, `{{</* … */>}}` comments.
    Hugo,
    /// Jekyll's Liquid: `{% tag %}`, `{{ expression }}`, `{% raw %}`.
    Liquid,
    /// Hexo's Nunjucks tag plugins: `{% tag %}`, `{{ expression }}`, `{# comment #}`.
    Nunjucks,
}

impl Default for Flavor {
    fn default() -> Self {
        Flavor::hugo()
    }
}

impl Flavor {
    /// Hugo 0.111's goldmark defaults (`markup.goldmark`).
    pub fn hugo() -> Self {
        Flavor {
            heading_ids: HeadingIdStyle::Github,
            heading_attributes: true,
            linkify: true,
            linkify_protocol: LinkifyProtocol::Https,
            table: true,
            strikethrough: true,
            task_list: true,
            footnote: true,
            definition_list: true,
            math: false,
            math_inline_dollar: false,
            math_parens: false,
            mermaid: false,
            templates: Templates::Hugo,
        }
    }

    /// Jekyll 4's kramdown with its GFM parser (Jekyll's defaults): footnotes, tables,
    /// definition lists, `~~` and task lists; bare URLs stay text.
    pub fn kramdown() -> Self {
        Flavor {
            heading_ids: HeadingIdStyle::Kramdown,
            heading_attributes: true,
            linkify: false,
            templates: Templates::Liquid,
            ..Flavor::hugo()
        }
    }

    /// Hexo's hexo-renderer-marked defaults (GFM: bare URLs linked with `http://` for `www.`;
    /// no footnotes, definition lists or `{#id}`).
    pub fn hexo() -> Self {
        Flavor {
            heading_ids: HeadingIdStyle::Hexo,
            heading_attributes: false,
            linkify: true,
            linkify_protocol: LinkifyProtocol::Http,
            footnote: false,
            definition_list: false,
            templates: Templates::Nunjucks,
            ..Flavor::hugo()
        }
    }

    /// CommonMark with GFM's tables, `~~`, task lists and footnotes.
    pub fn gfm() -> Self {
        Flavor {
            heading_attributes: false,
            linkify: false,
            definition_list: false,
            templates: Templates::None,
            ..Flavor::hugo()
        }
    }
}

/// Resolves an image reference of the post to a file of the blog.
pub trait ImageResolver {
    /// `Some(path relative to the blog root)` when `src` names an existing local file.
    fn resolve(&self, src: &str) -> Option<String>;

    /// Like [`ImageResolver::resolve`] for an address the generator writes into the page as
    /// it is (a template tag's `<img src>`), without what its Markdown renderer would do to
    /// a Markdown image's address (Hexo's `prependRoot`, `postAsset`).
    fn resolve_verbatim(&self, src: &str) -> Option<String> {
        self.resolve(src)
    }
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
    /// Math the site does not typeset, or LaTeX the preview could not read.
    Math,
    /// A Mermaid block the site does not draw.
    Mermaid,
}

/// Sanitizes an HTML fragment with the same rules as [`render`] (exposed for tests and for
/// HTML that does not come from Markdown).
pub fn sanitize_html(html: &str) -> String {
    sanitize::clean(html)
}

/// A lone `\r` written as `\n`: CommonMark ends a line at `\n`, `\r\n` and a lone `\r` alike
/// (so does the editor in a file without CRLF), but the parser reads a lone `\r` by context (a
/// fence's info string may run over it), so a part of a page would not read as the whole does. Byte for byte the
/// same length, so every offset and range stays valid; a text without `\r` is borrowed.
pub(crate) fn line_feeds(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone: Vec<usize> = text
        .match_indices('\r')
        .map(|(i, _)| i)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .collect();
    if lone.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for i in lone {
        out[i] = b'\n';
    }
    // Only ASCII bytes changed, for ASCII bytes: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_owned()))
}

/// Renders a post body (no front matter) to sanitized HTML plus its numbers.
pub fn render(markdown: &str, options: &RenderOptions<'_>) -> Rendered {
    let markdown = &line_feeds(markdown);
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
    let markdown = &line_feeds(markdown);
    let mut out = markdown::to_html(markdown, options);
    out.html = sanitize::clean(&out.html);
    let stats = words::stats(markdown, options);
    out.words = stats.words;
    out.reading_minutes = stats.reading_minutes;
    out
}

#[cfg(test)]
mod tests;
