//! Math in the preview as MathML, typeset here in Rust (math-core): the preview frame runs no
//! script, so KaTeX or MathJax cannot run in it, and WebKit draws MathML Core itself. The
//! result goes through the same sanitizer as the rest of the page.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};
use pulldown_cmark_escape::escape_html;

static CONVERTER: LazyLock<Option<LatexToMathML>> = LazyLock::new(|| {
    LatexToMathML::new(MathCoreConfig {
        // An unknown command shows red in place, as KaTeX shows it, instead of failing the
        // whole formula.
        ignore_unknown_commands: true,
        ..MathCoreConfig::default()
    })
    .ok()
});

/// A formula's MathML, or why it could not be read.
type Converted = Result<String, String>;

/// Converted formulas by (display, source): a keystroke elsewhere converts none again.
static CACHE: LazyLock<Mutex<HashMap<(bool, String), Converted>>> = LazyLock::new(Default::default);

/// Formulas kept before the cache is dropped whole.
const CACHE_ENTRIES: usize = 4096;

/// The typesetter's stack: 64 levels of `\sqrt` take about 1.3 MiB in a debug build.
const TYPESETTER_STACK: usize = 64 << 20;

/// Deeper or longer formulas are not typeset: the typesetter recurses per level, and its
/// stack must never run out on a post (an overflow ends the process, it cannot be caught).
const MAX_DEPTH: usize = 32;
const MAX_COMMANDS: usize = 300;
const MAX_BYTES: usize = 16 * 1024;

/// Why a formula is not typeset at all, if it is beyond the limits above.
fn beyond_limits(tex: &str) -> Option<String> {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for b in tex.bytes() {
        match b {
            b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let commands = tex.matches('\\').count() + tex.matches(['^', '_']).count();
    if deepest > MAX_DEPTH || commands > MAX_COMMANDS || tex.len() > MAX_BYTES {
        Some(format!(
            "too large or deeply nested for the preview to typeset ({} bytes, {commands} commands, {deepest} levels of braces)",
            tex.len()
        ))
    } else {
        None
    }
}

/// The MathML of a formula, or why it could not be read.
pub(crate) fn to_mathml(tex: &str, display: bool) -> Result<String, String> {
    if let Some(why) = beyond_limits(tex) {
        return Err(why);
    }
    let key = (display, tex.to_string());
    if let Some(hit) = CACHE.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return hit;
    }
    let mode = if display {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    // On a thread of its own with a large stack: the typesetter recurses per level of a
    // formula, and the caller may be a worker with a small stack.
    let result = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("math".into())
            .stack_size(TYPESETTER_STACK)
            .spawn_scoped(scope, || match CONVERTER.as_ref() {
                Some(c) => c
                    .convert_with_local_state(tex, mode)
                    .map(|r| r.mathml)
                    .map_err(|e| e.to_string()),
                None => Err("the math typesetter could not start".to_string()),
            })
            .map_err(|e| format!("the math typesetter could not start: {e}"))
            .and_then(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("the math typesetter failed on this formula".into()))
                    .map_err(|e| e.to_string())
            })
    });
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key, result.clone());
    }
    result
}

/// The HTML for a formula: its MathML, or its source marked as an error (the message in the
/// title). Returns the error too, for a warning.
pub(crate) fn html(tex: &str, display: bool) -> (String, Option<String>) {
    match to_mathml(tex, display) {
        Ok(mathml) => {
            let class = if display { "math math-display" } else { "math" };
            (format!("<span class=\"{class}\">{mathml}</span>"), None)
        }
        Err(e) => {
            let delim = if display { "$$" } else { "$" };
            let mut s = String::from("<code class=\"math-error\" title=\"");
            let _ = escape_html(&mut s, &e);
            s.push_str("\">");
            s.push_str(delim);
            let _ = escape_html(&mut s, tex);
            s.push_str(delim);
            s.push_str("</code>");
            (s, Some(e))
        }
    }
}

/// The note shown above math or a diagram the site will not render.
pub(crate) fn note(line: usize, text: &str) -> String {
    let mut s = format!("<div class=\"site-note\" data-line=\"{line}\" role=\"note\">");
    let _ = escape_html(&mut s, text);
    s.push_str("</div>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_mathml_and_errors_keep_their_source() {
        let frac = to_mathml(r"\frac{a}{b}", false).unwrap_or_default();
        assert!(
            frac.starts_with("<math") && frac.contains("<mfrac>"),
            "{frac}"
        );
        let (html, err) = html(r"\frac{a}{", true);
        assert!(err.is_some());
        assert!(html.contains("$$\\frac{a}{$$"), "{html}");
        // Nesting that would exhaust a stack is refused, not typeset.
        let deep = format!("{}x{}", "{".repeat(400), "}".repeat(400));
        assert!(to_mathml(&deep, false).is_err());
        assert!(to_mathml(&"\\sqrt".repeat(2000), false).is_err());
        // At the limits, on a render worker's 2 MiB stack (a debug build's frames are the
        // larger): typeset or refused, never a crash.
        let worst = [
            "\\sqrt".repeat(300) + "x",
            format!("{}x{}", "{".repeat(32), "}".repeat(32)),
            format!("{}x{}", "{x^".repeat(32), "}".repeat(32)) + &"^2".repeat(200),
            "x^{".repeat(32) + "y" + &"}".repeat(32),
        ];
        let done = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                for t in &worst {
                    let _ = to_mathml(t, true);
                }
            })
            .map(|h| h.join().is_ok());
        assert_eq!(done.ok(), Some(true));
        // Text in a formula is escaped, never markup.
        let t = to_mathml(r"\text{<script>}", false).unwrap_or_default();
        assert!(t.contains("&lt;script&gt;"), "{t}");
    }
}
