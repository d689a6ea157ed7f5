//! Whether the built site typesets math and draws Mermaid diagrams, so the preview does
//! exactly what the site will: read from the site's configuration, its templates and its
//! plugins, as each generator's documented recipes set them up.
//!
//! - Hugo: `markup.goldmark.extensions.passthrough.enable`, a `math`/`katex`/`mathjax`
//!   param (the Hugo docs' and PaperMod's recipe), a passthrough render hook; Mermaid from a
//!   `render-codeblock-mermaid.html` hook (the Hugo docs' recipe) or a `mermaid` param. The
//!   site's layouts and each theme's are looked at.
//! - Jekyll: a `math`/`mathjax`/`katex`/`mermaid` setting, kramdown's `math_engine: katex`,
//!   the jekyll-spaceship or jekyll-mermaid plugin, or an include or layout that loads
//!   MathJax, KaTeX or Mermaid.
//! - Hexo: a math or Mermaid plugin in `package.json` (hexo-filter-mathjax, hexo-math,
//!   hexo-renderer-markdown-it-plus, hexo-filter-mermaid-diagrams, …), or the theme's
//!   configuration (NexT's `math.every_page`, Butterfly's `math.use`, `mermaid.enable`).
//!
//! A post can ask on its own: front matter `math`, `mathjax` or `katex` (PaperMod, NexT,
//! Butterfly read these per post) and `mermaid` (see [`for_post`]). Every path is read
//! through the gate: a theme folder or include that leads outside the blog is not read.

use std::path::Path;

use serde_json::{Map, Value};

use super::Generator;
use crate::frontmatter::{as_bool, as_text, get};

/// Files of templates looked at, at most, and bytes read of each.
const MAX_FILES: usize = 400;
const MAX_BYTES: u64 = 256 * 1024;

/// A setting that turns something on: `true`, a non-empty string other than `false`/`off`,
/// or a table with `enable: true`.
fn on(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => {
            let s = s.trim().to_ascii_lowercase();
            !s.is_empty() && !matches!(s.as_str(), "false" | "off" | "no" | "0")
        }
        Some(Value::Object(m)) => get(m, "enable").and_then(as_bool).unwrap_or(false),
        _ => false,
    }
}

use super::path_of as path;

/// `rel` names an existing file inside the blog.
fn exists(root: &Path, rel: &str) -> bool {
    crate::gate::inside(root, rel).is_ok_and(|p| p.under(root).is_file())
}

/// Some template file under these folders mentions one of `words` (lowercase).
fn templates_mention(root: &Path, dirs: &[String], words: &[&str]) -> bool {
    let mut seen = 0;
    for dir in dirs {
        let Ok(checked) = crate::gate::inside(root, dir) else {
            continue;
        };
        let folder = checked.under(root);
        for entry in walkdir::WalkDir::new(&folder)
            .max_depth(4)
            .into_iter()
            .filter_map(std::result::Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
            if !(name.ends_with(".html") || name.ends_with(".ejs") || name.ends_with(".njk")) {
                continue;
            }
            // Only templates count: a folder of icons does not hide a layout.
            seen += 1;
            if seen > MAX_FILES {
                return false;
            }
            if entry.metadata().map_or(true, |m| m.len() > MAX_BYTES) {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(root) else {
                continue;
            };
            // Read only what the gate accepts (no symlink out of the blog).
            let rel = rel.to_string_lossy().replace('\\', "/");
            let Ok(file) = crate::gate::inside(root, &rel) else {
                continue;
            };
            if let Ok(text) = std::fs::read_to_string(file.under(root)) {
                let text = text.to_ascii_lowercase();
                if words.iter().any(|w| text.contains(w)) {
                    return true;
                }
            }
        }
    }
    false
}

/// What the site renders, set on its Markdown flavour.
pub(super) fn detect(
    root: &Path,
    generator: Generator,
    map: &Map<String, Value>,
    flavor: &mut inkstone_render::Flavor,
) {
    let root = &dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    match generator {
        Generator::Hugo => hugo(root, map, flavor),
        Generator::Jekyll => jekyll(root, map, flavor),
        Generator::Hexo => hexo(root, map, flavor),
    }
}

fn hugo(root: &Path, map: &Map<String, Value>, flavor: &mut inkstone_render::Flavor) {
    let themes: Vec<String> = match get(map, "theme") {
        Some(Value::Array(list)) => list.iter().filter_map(as_text).collect(),
        Some(v) => as_text(v).into_iter().collect(),
        None => Vec::new(),
    };
    let themes_dir = get(map, "themesDir")
        .and_then(as_text)
        .unwrap_or_else(|| "themes".into());
    let mut layouts = vec!["layouts".to_string()];
    layouts.extend(
        themes
            .iter()
            .filter(|t| !t.trim_matches(['/', '.']).is_empty())
            .map(|t| format!("{themes_dir}/{t}/layouts")),
    );
    let hook = |name: &str| {
        layouts.iter().any(|l| {
            exists(root, &format!("{l}/_default/_markup/{name}"))
                || exists(root, &format!("{l}/_markup/{name}"))
        })
    };
    let param = |key: &str| on(path(map, &["params", key]));
    let passthrough = on(path(
        map,
        &["markup", "goldmark", "extensions", "passthrough", "enable"],
    ));
    flavor.math = passthrough
        || param("math")
        || param("katex")
        || param("mathjax")
        || hook("render-passthrough.html")
        || hook("render-passthrough-block.html");
    if passthrough {
        // The delimiters Hugo passes through (its documented example when none are set).
        let delimiters = |kind: &str| -> Vec<String> {
            path(
                map,
                &[
                    "markup",
                    "goldmark",
                    "extensions",
                    "passthrough",
                    "delimiters",
                    kind,
                ],
            )
            .and_then(Value::as_array)
            .map(|pairs| {
                pairs
                    .iter()
                    .filter_map(|p| p.as_array()?.first().and_then(as_text))
                    .collect()
            })
            .unwrap_or_default()
        };
        let (inline, block) = (delimiters("inline"), delimiters("block"));
        let set = !inline.is_empty() || !block.is_empty();
        flavor.math_inline_dollar = inline.iter().any(|d| d == "$");
        flavor.math_parens = !set
            || inline
                .iter()
                .chain(&block)
                .any(|d| d == "\\(" || d == "\\[");
    } else {
        // KaTeX's or MathJax's auto-render on the built page (the docs' and PaperMod's
        // recipe): `$` and `$$`; Markdown has already turned `\(` into `(`.
        flavor.math_inline_dollar = true;
        flavor.math_parens = false;
    }
    flavor.mermaid = param("mermaid") || hook("render-codeblock-mermaid.html");
}

fn jekyll(root: &Path, map: &Map<String, Value>, flavor: &mut inkstone_render::Flavor) {
    let plugins: Vec<String> = ["plugins", "gems"]
        .iter()
        .filter_map(|k| get(map, k).and_then(Value::as_array))
        .flatten()
        .filter_map(as_text)
        .collect();
    let plugin = |name: &str| plugins.iter().any(|p| p == name);
    let dirs = vec!["_includes".to_string(), "_layouts".to_string()];
    let engine = path(map, &["kramdown", "math_engine"])
        .and_then(as_text)
        .unwrap_or_default()
        .to_ascii_lowercase();
    flavor.math = on(get(map, "math"))
        || on(get(map, "mathjax"))
        || on(get(map, "katex"))
        || engine == "katex"
        || plugin("jekyll-spaceship")
        // An include that loads MathJax only `{% if page.math %}` leaves it to the post.
        || (templates_mention(root, &dirs, &["mathjax", "katex"])
            && !templates_mention(root, &dirs, &["page.math", "page.mathjax", "page.katex"]));
    // kramdown reads `$$` only; jekyll-spaceship's processor also `$` and `\(`.
    flavor.math_inline_dollar = plugin("jekyll-spaceship");
    flavor.math_parens = false;
    flavor.mermaid = on(get(map, "mermaid"))
        || plugin("jekyll-mermaid")
        || templates_mention(root, &dirs, &["mermaid"]);
}

/// Hexo plugins that typeset math or draw Mermaid when installed.
const HEXO_MATH: &[&str] = &[
    "hexo-filter-mathjax",
    "hexo-math",
    "hexo-katex",
    "hexo-renderer-markdown-it-plus",
    "@upupming/hexo-renderer-markdown-it-plus",
    "hexo-renderer-pandoc",
    "hexo-renderer-kramed",
    "markdown-it-katex",
    "@traptitech/markdown-it-katex",
];
const HEXO_MERMAID: &[&str] = &["hexo-filter-mermaid-diagrams", "hexo-mermaid"];

fn hexo(root: &Path, map: &Map<String, Value>, flavor: &mut inkstone_render::Flavor) {
    let deps: Vec<String> = crate::gate::inside(root, "package.json")
        .ok()
        .and_then(|p| std::fs::read_to_string(p.under(root)).ok())
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .map(|pkg| {
            ["dependencies", "devDependencies"]
                .iter()
                .filter_map(|d| pkg.get(*d).and_then(Value::as_object))
                .flat_map(|m| m.keys().cloned())
                .collect()
        })
        .unwrap_or_default();
    let dep = |names: &[&str]| deps.iter().any(|d| names.contains(&d.as_str()));
    // The theme's settings: `_config.<theme>.yml` over `themes/<theme>/_config.yml`.
    let mut theme = Map::new();
    if let Some(name) = get(map, "theme").and_then(as_text) {
        for file in [
            format!("themes/{name}/_config.yml"),
            format!("_config.{name}.yml"),
        ] {
            if exists(root, &file)
                && let Ok(m) = super::config::read_config(root, &file)
            {
                super::config::merge_exact(&mut theme, m);
            }
        }
    }
    let both = |keys: &[&str]| path(map, keys).or_else(|| path(&theme, keys));
    // NexT: `math.every_page` with `math.mathjax.enable` or `math.katex.enable`;
    // Butterfly: `math.use` with `math.per_page` (true: every page).
    let next = on(both(&["math", "every_page"]))
        && (on(both(&["math", "mathjax"])) || on(both(&["math", "katex"])));
    let butterfly = both(&["math", "use"])
        .and_then(as_text)
        .is_some_and(|u| !u.trim().is_empty())
        && both(&["math", "per_page"])
            .and_then(as_bool)
            .unwrap_or(true);
    // hexo-filter-mathjax typesets only the posts that ask (`mathjax: true`), unless
    // `mathjax.every_page`.
    let filter_every_page = dep(&["hexo-filter-mathjax"]) && on(both(&["mathjax", "every_page"]));
    let renderers = HEXO_MATH
        .iter()
        .any(|p| *p != "hexo-filter-mathjax" && dep(&[p]));
    flavor.math = renderers || filter_every_page || next || butterfly || on(both(&["katex"]));
    flavor.math_inline_dollar = true;
    flavor.math_parens = false;
    flavor.mermaid = dep(HEXO_MERMAID) || on(both(&["mermaid"]));
}

/// The site's flavour with what a post's front matter asks for: `math: true` (or `mathjax`,
/// `katex`) and `mermaid: true` turn them on for that post, as the themes that read them do.
pub fn for_post(
    site: inkstone_render::Flavor,
    front_matter: &Map<String, Value>,
) -> inkstone_render::Flavor {
    let mut f = site;
    if !f.math
        && ["math", "mathjax", "katex"]
            .iter()
            .any(|k| on(get(front_matter, k)))
    {
        f.math = true;
        // What the theme's script reads: `$` and `$$` (kramdown: `$$` only).
        f.math_inline_dollar = f.templates != inkstone_render::Templates::Liquid;
        f.math_parens = false;
    }
    f.mermaid |= on(get(front_matter, "mermaid"));
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap_or_default()
    }

    #[test]
    fn a_post_can_turn_math_and_diagrams_on() {
        let f = for_post(
            inkstone_render::Flavor::hugo(),
            &map(r#"{"math": true, "mermaid": "true"}"#),
        );
        assert!(f.math && f.mermaid);
        let f = for_post(inkstone_render::Flavor::hugo(), &map(r#"{"math": false}"#));
        assert!(!f.math && !f.mermaid);
    }
}
