//! The Settings dialog in the real window: theme, editor font and size, line numbers, Vim keys,
//! spell checking and the preview's text size each take effect at once and survive a restart;
//! the blog's own settings land in its `.inkstone.toml`. Then where the user left the blog: the
//! split, the library's width, the open post and its caret, and the window's size come back on
//! the next start.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_e2e::App;

const ESCAPE: &str = "\u{E00C}";
const LEFT: &str = "\u{E012}";
const RIGHT: &str = "\u{E014}";

/// Sets a control's value as typing or choosing would, firing its events.
fn set(testid: &str, value: &str) -> String {
    format!(
        "const el = document.querySelector('[data-testid={testid}]'); el.value = {value:?}; \
         el.dispatchEvent(new Event('input', {{bubbles: true}})); el.dispatchEvent(new Event('change', {{bubbles: true}})); return true"
    )
}

fn tick(testid: &str) -> String {
    format!("document.querySelector('[data-testid={testid}]').click(); return true")
}

const LOOK: &str = "const cm = document.querySelector('.editor-pane .cm-editor'); \
    const frame = document.getElementById('preview').contentDocument; \
    return { dark: matchMedia('(prefers-color-scheme: dark)').matches, \
      bg: getComputedStyle(document.body).backgroundColor, \
      previewBg: getComputedStyle(frame.documentElement).backgroundColor, \
      font: getComputedStyle(cm.querySelector('.cm-scroller')).fontFamily, \
      size: getComputedStyle(cm).fontSize, \
      numbers: !!cm.querySelector('.cm-lineNumbers'), \
      vim: !!cm.querySelector('.cm-vim-panel, .cm-fat-cursor'), \
      spell: cm.querySelector('.cm-content').getAttribute('spellcheck'), \
      previewSize: getComputedStyle(frame.body).fontSize }";

#[tokio::test(flavor = "multi_thread")]
async fn settings_take_effect_at_once_and_survive_a_restart() {
    let app = App::start().await;
    app.open_post("content/posts/linux-tcp-congestion-ops.md")
        .await;
    let before = app.js(LOOK).await;
    assert_eq!(before["dark"], false, "{before}");
    assert_eq!(before["numbers"], false, "{before}");

    app.click("[data-testid=settings-open]").await;
    app.wait_js(
        "return document.querySelector('[data-testid=settings]').open && !!document.querySelector('[data-testid=setting-slug]')",
        "the Settings dialog with the blog's section",
    )
    .await;
    app.js(&set("setting-theme", "dark")).await;
    app.js(&set("setting-font", "DejaVu Serif")).await;
    app.js(&set("setting-font-size", "19")).await;
    app.js(&set("setting-preview-size", "20")).await;
    app.js(&tick("setting-line-numbers")).await;
    app.js(&tick("setting-spellcheck")).await;
    app.js(&tick("setting-vim")).await;
    // The blog's own setting goes to its file.
    app.js(&set("setting-slug", "cjk")).await;
    app.wait_js(
        "return document.querySelector('[data-testid=settings-saved]').textContent.includes('.inkstone.toml')",
        "the blog's settings saved",
    )
    .await;
    let toml = std::fs::read_to_string(app.blog.join(".inkstone.toml")).unwrap();
    assert!(toml.contains("slug_style = \"cjk\""), "{toml}");
    app.screenshot("settings").await;

    // All at once, in the window and the preview.
    let after = app
        .wait_js(
            &format!(
                "const l = (() => {{ {LOOK} }})(); return l.dark && l.size === '19px' && l.vim && l"
            ),
            "the dark theme, the font size and Vim keys in effect",
        )
        .await;
    assert_eq!(after["bg"], "rgb(22, 24, 29)", "{after}");
    assert_ne!(after["previewBg"], before["previewBg"], "{after}");
    assert!(
        after["font"]
            .as_str()
            .unwrap()
            .starts_with("\"DejaVu Serif\""),
        "{after}"
    );
    assert_eq!(after["numbers"], true, "{after}");
    assert_eq!(after["spell"], "true", "{after}");
    assert_eq!(after["previewSize"], "20px", "{after}");
    // Code is not spell checked, prose is.
    let code = app
        .js("return [...document.querySelectorAll('.cm-content [spellcheck=false]')].map((e) => e.textContent).join(' ')")
        .await;
    assert!(
        !code.as_str().unwrap().is_empty(),
        "nothing marked as not prose"
    );

    app.js("document.querySelector('[data-testid=settings] .close').click(); return true")
        .await;
    // Vim: in normal mode `i` is a command (insert), not a letter.
    app.type_into(".cm-content", &format!("{ESCAPE}iVIMTEST{ESCAPE}"))
        .await;
    let text = app
        .wait_js(
            "const t = document.querySelector('.cm-content').textContent; return t.includes('VIMTEST') && t",
            "text typed after Vim's i",
        )
        .await;
    assert!(
        !text.as_str().unwrap().contains("iVIMTEST"),
        "i was typed as a letter"
    );
    app.type_into(".cm-content", "u").await;
    app.wait_js(
        "return !document.querySelector('.cm-content').textContent.includes('VIMTEST')",
        "Vim's u to undo it",
    )
    .await;

    let app = app.restart().await;
    let kept = app
        .wait_js(
            &format!("const l = (() => {{ {LOOK} }})(); return l.dark && l"),
            "the dark theme after a restart",
        )
        .await;
    assert_eq!(kept["size"], "19px", "{kept}");
    assert_eq!(kept["vim"], true, "{kept}");
    assert_eq!(kept["numbers"], true, "{kept}");
    assert_eq!(kept["previewSize"], "20px", "{kept}");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_blog_opens_where_it_was_left() {
    let app = App::start().await;
    app.open_post("content/posts/linux-tcp-congestion-ops.md")
        .await;
    // The split, moved with the keyboard on its separator; the library, with the pointer's
    // stand-in: the arrow keys on its edge.
    let columns = "return getComputedStyle(document.querySelector('.panes')).gridTemplateColumns";
    let split_before = app.js(columns).await;
    app.type_into(".divider", &format!("{LEFT}{LEFT}{LEFT}{LEFT}{LEFT}"))
        .await;
    app.type_into(
        "[data-testid=library-edge]",
        &format!("{RIGHT}{RIGHT}{RIGHT}"),
    )
    .await;
    let split = app.js(columns).await;
    assert_ne!(split, split_before);
    let library = app
        .js("return document.getElementById('library').getBoundingClientRect().width")
        .await;
    assert_eq!(library.as_f64().unwrap().round(), 328.0, "{library}");
    // The caret on line 40, that line at the top.
    app.js("window.__inkstoneGoToLine(40); return true").await;
    app.client.set_window_size(1100, 760).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let caret = app.js("return window.__inkstoneCaret()").await;

    let app = app.restart().await;
    app.wait_js(
        "return document.querySelector('li.post.active')?.dataset.path === 'content/posts/linux-tcp-congestion-ops.md'",
        "the post that was open",
    )
    .await;
    let place = app
        .wait_js(
            "return { caret: window.__inkstoneCaret(), columns: getComputedStyle(document.querySelector('.panes')).gridTemplateColumns, library: document.getElementById('library').getBoundingClientRect().width, width: window.outerWidth, height: window.outerHeight }",
            "the editor",
        )
        .await;
    assert_eq!(place["caret"], caret, "{place}");
    // The split is a share of the width (the window's size changed since it was measured).
    let share = |columns: &serde_json::Value| {
        let px: Vec<f64> = columns
            .as_str()
            .unwrap()
            .split_whitespace()
            .map(|c| c.trim_end_matches("px").parse().unwrap())
            .collect();
        px[0] / (px[0] + px[2])
    };
    assert!(
        (share(&place["columns"]) - share(&split)).abs() < 0.01,
        "{place} vs {split}"
    );
    assert!(share(&split) < 0.45, "the split moved left: {split}");
    assert_eq!(place["library"].as_f64().unwrap().round(), 328.0, "{place}");
    let (w, h) = (
        place["width"].as_f64().unwrap(),
        place["height"].as_f64().unwrap(),
    );
    assert!(
        (w - 1100.0).abs() < 40.0 && (h - 760.0).abs() < 60.0,
        "the window's size came back: {place}"
    );
    app.close().await;
}
