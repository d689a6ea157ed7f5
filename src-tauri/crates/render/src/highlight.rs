//! Code highlighting with syntect: CSS classes (never inline styles), assets loaded once,
//! results cached by (language, code) so typing prose never re-highlights a block, and typing
//! in a block re-highlights only its lines from the edit until syntect's state settles
//! ([`lines`]).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use pulldown_cmark_escape::escape_html_body_text;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};

mod lines;
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
/// Lines longer than this (minified JSON, base64) are shown plain: highlighting them is slow
/// and useless.
const MAX_LINE: usize = 4_000;
/// The cache is dropped whole when it holds more than this many bytes of HTML.
const CACHE_BYTES: usize = 64 << 20;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

#[derive(Default)]
struct Cache {
    map: HashMap<(String, String), Arc<Block>>,
    bytes: usize,
}
static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Mutex::default);

/// Highlighted inner HTML of a `<code>` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) html: String,
    /// False when a language was named but we have no grammar for it.
    pub(crate) known: bool,
}

/// Light or dark highlighting palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// The stylesheet for highlighted code, scoped to the `hl-` classes we emit.
pub fn highlight_css(theme: Theme) -> String {
    use two_face::theme::EmbeddedThemeName as N;
    let themes = two_face::theme::extra();
    let name = match theme {
        Theme::Light => N::Github,
        Theme::Dark => N::OneHalfDark,
    };
    syntect::html::css_for_theme_with_class_style(themes.get(name), CLASS_STYLE).unwrap_or_default()
}

/// Whether fenced blocks tagged `lang` are highlighted.
pub fn known_language(lang: &str) -> bool {
    is_plain(lang) || syntax_for(lang).is_some()
}

fn is_plain(lang: &str) -> bool {
    matches!(
        lang.to_ascii_lowercase().as_str(),
        "text" | "txt" | "plain" | "plaintext" | "output" | "log"
    )
}

fn is_shell(lang: &str) -> bool {
    matches!(
        lang.to_ascii_lowercase().as_str(),
        "sh" | "bash" | "shell" | "zsh" | "console" | "shell-session" | "shellsession" | "terminal"
    )
}

fn syntax_for(lang: &str) -> Option<&'static SyntaxReference> {
    let lower = lang.to_ascii_lowercase();
    let token = match lower.as_str() {
        "golang" => "go",
        "c++" | "cc" | "hpp" => "cpp",
        "yml" => "yaml",
        "docker" | "containerfile" => "Dockerfile",
        "patch" => "diff",
        "ps" | "ps1" => "powershell",
        "proto" => "protobuf",
        "tf" | "hcl" => "terraform",
        l if is_shell(l) => "bash",
        l => l,
    };
    let set = &*SYNTAXES;
    set.find_syntax_by_token(token)
        .or_else(|| set.find_syntax_by_name(lang))
}

/// The cached block for this code, if it was highlighted before.
fn cached(key: &(String, String)) -> Option<Arc<Block>> {
    CACHE.lock().ok().and_then(|c| c.map.get(key).cloned())
}

fn remember(key: (String, String), block: &Arc<Block>) {
    if let Ok(mut cache) = CACHE.lock() {
        let size = block.html.len() + key.1.len();
        cache.bytes += size;
        if cache.bytes > CACHE_BYTES {
            cache.map.clear();
            cache.bytes = size;
        }
        cache.map.insert(key, Arc::clone(block));
    }
}

/// Threads that may highlight at once (asking the system costs more than a cached render).
static CORES: LazyLock<usize> = LazyLock::new(|| {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(4)
});

/// Highlights fenced blocks (language, code), in order, each from the cache when the same code
/// was seen before. The ones not cached are shared among the cores when there is enough of
/// them (a post's first render: syntect compiles each grammar on first use and highlights
/// every block), so the first preview of a long post comes sooner.
pub(crate) fn code_blocks(jobs: &[(Option<&str>, &str)]) -> Vec<Arc<Block>> {
    let keys: Vec<(String, String)> = jobs
        .iter()
        .map(|(lang, code)| (lang.unwrap_or_default().to_string(), (*code).to_string()))
        .collect();
    let mut out: Vec<Option<Arc<Block>>> = keys.iter().map(cached).collect();
    let missing: Vec<usize> = (0..jobs.len()).filter(|&i| out[i].is_none()).collect();
    let workers = (*CORES).min(missing.len());
    if workers > 1 {
        // A worker takes all the blocks of one language (syntect compiles a grammar on its
        // first use: two threads must not both pay for it), the biggest share first.
        let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
        for &i in &missing {
            let lang = jobs[i].0.unwrap_or_default().to_ascii_lowercase();
            groups.entry(lang).or_default().push(i);
        }
        let mut order: Vec<Vec<usize>> = groups.into_values().collect();
        order.sort_by_key(|g| std::cmp::Reverse(g.iter().map(|&i| jobs[i].1.len()).sum::<usize>()));
        let workers = workers.min(order.len());
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done: Vec<(usize, Block)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(group) = order.get(k) else { break };
                            mine.extend(group.iter().map(|&i| (i, build(jobs[i].0, jobs[i].1))));
                        }
                        mine
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for (i, block) in done {
            out[i] = Some(Arc::new(block));
        }
    }
    // What is left: everything when one thread does it, or a block whose worker panicked. A
    // block or two is what an edit brings: they are highlighted from the lines kept of the
    // blocks highlighted last, and kept in turn.
    let follow = missing.len() <= 2;
    for i in missing {
        if out[i].is_none() {
            out[i] = Some(Arc::new(build_with(jobs[i].0, jobs[i].1, follow)));
        }
        if let Some(block) = &out[i] {
            remember(keys[i].clone(), block);
        }
    }
    out.into_iter().flatten().collect()
}

/// Whether a block in `lang` is highlighted (or meant to be plain), without highlighting it.
pub(crate) fn is_known(lang: Option<&str>) -> bool {
    lang.is_none_or(known_language)
}

fn plain(code: &str) -> String {
    let mut s = String::with_capacity(code.len() + 16);
    let _ = escape_html_body_text(&mut s, code);
    s
}

pub(crate) fn build(lang: Option<&str>, code: &str) -> Block {
    build_with(lang, code, false)
}

/// Highlights a block; with `follow`, from the lines kept of a recent block like it (see
/// [`lines`]), keeping its own.
fn build_with(lang: Option<&str>, code: &str, follow: bool) -> Block {
    let Some(lang) = lang.filter(|l| !is_plain(l)) else {
        return Block {
            html: plain(code),
            known: true,
        };
    };
    let Some(syntax) = syntax_for(lang) else {
        return Block {
            html: plain(code),
            known: false,
        };
    };
    if code.lines().any(|l| l.len() > MAX_LINE) {
        return Block {
            html: plain(code),
            known: true,
        };
    }
    let html = if is_shell(lang) && has_prompts(code) {
        session(syntax, code, lang.eq_ignore_ascii_case("console"), follow)
    } else {
        highlight(syntax, code, follow).unwrap_or_else(|| plain(code))
    };
    Block { html, known: true }
}

fn highlight(syntax: &SyntaxReference, code: &str, follow: bool) -> Option<String> {
    if follow {
        return lines::highlight(syntax, code);
    }
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

fn prompt_len(line: &str, root_prompt: bool) -> Option<usize> {
    if line.starts_with("$ ") || (root_prompt && line.starts_with("# ")) {
        Some(2)
    } else if line.trim_end() == "$" {
        Some(1)
    } else {
        None
    }
}

fn has_prompts(code: &str) -> bool {
    code.lines().any(|l| prompt_len(l, false).is_some())
}

/// A terminal session: `$ ` prompts (unselectable), commands highlighted as shell, output
/// lines plain. A command continued with a trailing `\` keeps its next lines.
fn session(syntax: &SyntaxReference, code: &str, root_prompt: bool, follow: bool) -> String {
    let mut out = String::with_capacity(code.len() * 4);
    let mut command = String::new();
    let mut continued = false;
    let flush = |out: &mut String, command: &mut String| {
        if !command.is_empty() {
            out.push_str(&highlight(syntax, command, follow).unwrap_or_else(|| plain(command)));
            command.clear();
        }
    };
    for line in LinesWithEndings::from(code) {
        if continued {
            command.push_str(line);
        } else if let Some(n) = prompt_len(line, root_prompt) {
            flush(&mut out, &mut command);
            out.push_str("<span class=\"prompt\">");
            out.push_str(&plain(&line[..n]));
            out.push_str("</span>");
            command.push_str(&line[n..]);
        } else {
            flush(&mut out, &mut command);
            let (text, newline) = line.strip_suffix('\n').map_or((line, ""), |t| (t, "\n"));
            out.push_str("<span class=\"output\">");
            out.push_str(&plain(text));
            out.push_str("</span>");
            out.push_str(newline);
        }
        continued = line.trim_end().ends_with('\\') && !command.is_empty();
    }
    flush(&mut out, &mut command);
    out
}
