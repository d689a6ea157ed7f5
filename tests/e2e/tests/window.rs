//! Inkstone in a real window: what a writer sees and does.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use inkstone_e2e::App;

const TCP: &str = "content/posts/linux-tcp-congestion-ops.md";
const LONG: &str = "content/posts/k8s-cpu-limits-to-cfs-bandwidth.md";
const BUNDLE: &str = "content/posts/ebpf-tcp-retransmit-tracing/index.md";

#[tokio::test]
async fn library_lists_the_sample_posts() {
    let app = App::start().await;
    let count = app
        .js("return document.querySelectorAll('li.post').length")
        .await;
    assert!(count.as_u64().unwrap() >= 9, "{count}");
    let drafts = app
        .js("return document.querySelectorAll('li.post .badge.draft').length")
        .await;
    assert_eq!(drafts, 2);
    let scheduled = app
        .js("return document.querySelectorAll('li.post .badge.scheduled').length")
        .await;
    assert_eq!(scheduled, 1);
    // The filter narrows the list, CJK included.
    app.type_into("[data-testid=library-filter]", "拥塞").await;
    app.wait_js(
        "return document.querySelectorAll('li.post').length === 2",
        "the filter",
    )
    .await;
    app.close().await;
}

#[tokio::test]
async fn opening_a_post_shows_its_preview_and_numbers() {
    let app = App::start().await;
    app.open_post(TCP).await;
    let h2 = app
        .wait_js(&App::preview_query("h2"), "a heading in the preview")
        .await;
    assert!(!h2.as_str().unwrap().is_empty());
    let code = app.js("return document.getElementById('preview').contentDocument.querySelectorAll('pre.code [class^=hl-]').length").await;
    assert!(code.as_u64().unwrap() > 10, "code is highlighted: {code}");
    let listed = std::process::Command::new(inkstone_e2e::repo().join("target/debug/inkstone"))
        .args(["stats", "--json", "--blog"])
        .arg(&app.blog)
        .arg(app.blog.join(TCP))
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let status = app
        .js("return document.querySelector('[data-testid=word-count]').textContent")
        .await;
    let words = stats["words"].as_u64().unwrap();
    assert!(
        status.as_str().unwrap().contains(&format!("{words} words")),
        "status bar {status} vs core {words}"
    );
    app.close().await;
}

#[tokio::test]
async fn typing_updates_the_preview() {
    let app = App::start().await;
    app.open_post(TCP).await;
    app.type_at_end("\n\n## Typed in the window 你好\n\nSome **bold** text.\n")
        .await;
    app.wait_js(
        "const d = document.getElementById('preview').contentDocument; return [...d.querySelectorAll('h2')].some(h => h.textContent === 'Typed in the window 你好') && !!d.querySelector('strong');",
        "the typed heading in the preview",
    )
    .await;
    let state = app
        .js("return document.querySelector('[data-testid=save-state]').textContent")
        .await;
    assert_eq!(state, "Unsaved changes");
    app.close().await;
}

#[tokio::test]
async fn typing_in_the_middle_patches_that_block_and_equals_a_fresh_render() {
    let app = App::start().await;
    app.open_post(LONG).await;
    let content = "document.getElementById('preview').contentDocument.getElementById('content')";
    // Mark the first and last blocks' DOM nodes: a patch elsewhere must leave them alone.
    app.js(&format!(
        "const c = {content}; c.firstElementChild.dataset.kept = 'first'; c.lastElementChild.dataset.kept = 'last'; return true;"
    ))
    .await;
    let line = app.js("return window.__inkstoneCaretInProse(0.5)").await;
    assert!(line.as_str().is_some_and(|l| !l.is_empty()), "{line}");
    let mut keys = KeyActions::new("keyboard".into());
    for c in " 补充说明 typed.\n\n## Typed heading 小节\n\nMore `code` here.".chars() {
        let c = if c == '\n' { '\u{E007}' } else { c };
        keys = keys
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    app.client.perform_actions(keys).await.unwrap();
    app.wait_js(
        &format!("return [...{content}.querySelectorAll('h2')].some(h => h.textContent === 'Typed heading 小节')"),
        "the typed heading in the preview",
    )
    .await;
    let kept = app
        .js(&format!(
            "return [...{content}.querySelectorAll('[data-kept]')].map(e => e.dataset.kept).join(',')"
        ))
        .await;
    assert_eq!(
        kept, "first,last",
        "blocks away from the edit were re-created"
    );
    // Settle, then compare the patched preview with one rendered from scratch.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let strip = format!(
        "const c = {content}.cloneNode(true); c.querySelectorAll('[data-kept]').forEach(e => e.removeAttribute('data-kept')); return c.innerHTML;"
    );
    let patched = app.js(&strip).await;
    app.open_post(TCP).await;
    app.open_post(LONG).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let fresh = app.js(&strip).await;
    assert!(patched.as_str().unwrap().contains("补充说明 typed."));
    assert_eq!(
        patched, fresh,
        "the patched preview differs from a fresh render"
    );
    app.close().await;
}

#[tokio::test]
async fn scroll_sync_moves_the_other_pane() {
    let app = App::start().await;
    app.open_post(LONG).await;
    app.js("const s = document.querySelector('.cm-scroller'); s.scrollTop = s.scrollHeight / 2; return true;").await;
    let y = app
        .wait_js("const w = document.getElementById('preview').contentWindow; return w.scrollY > 200 ? w.scrollY : 0;", "the preview to follow the editor")
        .await;
    assert!(y.as_f64().unwrap() > 200.0);
    // The user points at the preview and scrolls it back to the top.
    app.hover("#preview").await;
    app.js("document.getElementById('preview').contentWindow.scrollTo(0, 0); return true;")
        .await;
    app.wait_js(
        "return document.querySelector('.cm-scroller').scrollTop < 50",
        "the editor to follow the preview",
    )
    .await;
    app.screenshot("long-post").await;
    app.close().await;
}

#[tokio::test]
async fn a_new_post_is_created_and_saved() {
    let app = App::start().await;
    app.click("[data-testid=new-post]").await;
    app.type_into("[data-testid=new-title]", "Scheduler 调度器 notes")
        .await;
    app.type_into("[data-testid=new-tags]", "kubernetes, 调度")
        .await;
    app.click("[data-testid=new-create]").await;
    let path = "content/posts/scheduler-diao-du-qi-notes.md";
    app.wait_js(
        &format!("return document.querySelector(\"li.post.active\")?.dataset.path === '{path}'"),
        "the new post to open",
    )
    .await;
    app.type_at_end("\nThe scheduler picks a node.\n").await;
    // Ctrl+S
    app.type_into(".cm-content", "\u{E009}s\u{E000}").await;
    app.wait_js(
        "return document.querySelector('[data-testid=save-state]').textContent === 'Saved'",
        "the save",
    )
    .await;
    let listed = app
        .js(&format!(
            "return !!document.querySelector(\"li.post[data-path='{path}']\")"
        ))
        .await;
    assert_eq!(listed, true, "the saved new post stays in the library");
    let text = std::fs::read_to_string(app.blog.join(path)).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Scheduler 调度器 notes\"\n"),
        "{text}"
    );
    assert!(text.contains("tags: [\"kubernetes\", \"调度\"]"), "{text}");
    assert!(text.contains("draft: true"), "{text}");
    assert!(
        text.trim_end().ends_with("The scheduler picks a node."),
        "{text}"
    );
    app.close().await;
}

#[tokio::test]
async fn script_payloads_in_a_post_run_nothing() {
    let app = App::start().await;
    app.open_post(TCP).await;
    app.type_at_end(concat!(
        "\n\n<img src=x onerror=\"parent.document.body.dataset.pwned='img'\">\n\n",
        "<script>parent.document.body.dataset.pwned='script'</script>\n\n",
        "<svg onload=\"parent.document.body.dataset.pwned='svg'\"></svg>\n\n",
        "[click me](javascript:parent.document.body.dataset.pwned='link')\n\n",
        "<iframe srcdoc=\"<script>parent.parent.document.body.dataset.pwned='frame'</script>\"></iframe>\n\nPAYLOAD-END\n",
    ))
    .await;
    app.wait_js(
        "return document.getElementById('preview').contentDocument.body.textContent.includes('PAYLOAD-END')",
        "the payloads to render",
    )
    .await;
    // Clicking the javascript: link does nothing either.
    app.js("const a = [...document.getElementById('preview').contentDocument.querySelectorAll('a')].find(a => a.textContent === 'click me'); a && a.click(); return true;").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let pwned = app.js("return document.body.dataset.pwned || null").await;
    assert_eq!(pwned, serde_json::Value::Null, "a payload ran");
    let handlers = app
        .js("const d = document.getElementById('preview').contentDocument; return [...d.querySelectorAll('*')].some(e => [...e.attributes].some(a => a.name.startsWith('on'))) || !!d.querySelector('script, iframe, svg');")
        .await;
    assert_eq!(handlers, false);
    app.close().await;
}

#[tokio::test]
async fn a_bundle_image_shows_offline() {
    let app = App::start().await;
    app.open_post(BUNDLE).await;
    let w = app
        .wait_js(
            "const i = document.getElementById('preview').contentDocument.querySelector('img[src*=\"arch.png\"]'); return i && i.complete ? i.naturalWidth : 0;",
            "the bundle image to load",
        )
        .await;
    assert_eq!(w, 480);
    let shot = app.screenshot("bundle-post").await;
    // `make screenshot` refreshes the README's picture from this run.
    if std::env::var_os("INKSTONE_UPDATE_SCREENSHOT").is_some() {
        std::fs::copy(
            shot,
            inkstone_e2e::repo().join("tests/e2e/screenshots/inkstone.png"),
        )
        .unwrap();
    }
    app.close().await;
}

#[tokio::test]
async fn an_external_link_opens_in_the_system_browser_and_the_window_stays() {
    // One click per session: the link's new-window request can reset WebDriver's browsing
    // context, so nothing else is driven in the frame after it.
    let app = App::start().await;
    app.open_post(TCP).await;
    app.type_at_end("\n\n[Hugo docs](https://gohugo.io/documentation/)\n")
        .await;
    app.wait_js(
        "return [...document.getElementById('preview').contentDocument.querySelectorAll('a')].some(a => a.textContent === 'Hugo docs')",
        "the link",
    )
    .await;
    app.settle_preview().await;
    app.click_in_preview("a[href^='https://gohugo.io']").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.opened.exists() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let opened = std::fs::read_to_string(&app.opened).unwrap_or_default();
    assert_eq!(opened.trim(), "https://gohugo.io/documentation/");
    let url = app.client.current_url().await.unwrap();
    assert_eq!(
        url.scheme(),
        "tauri",
        "the app window stayed on the app: {url}"
    );
    let still = app
        .js("return !!document.getElementById('preview').contentDocument.getElementById('content')")
        .await;
    assert_eq!(still, true, "the preview still shows the post");
    app.close().await;
}

#[tokio::test]
async fn an_anchor_link_scrolls_the_preview_and_opens_nothing() {
    let app = App::start().await;
    app.open_post(TCP).await;
    app.type_at_end("\n\n[back to top](#top-anchor)\n").await;
    app.wait_js("return [...document.getElementById('preview').contentDocument.querySelectorAll('a')].some(a => a.textContent === 'back to top')", "the link").await;
    app.js("const d = document.getElementById('preview').contentDocument; d.querySelector('h2').id = 'top-anchor'; d.defaultView.scrollTo(0, d.documentElement.scrollHeight); return true;").await;
    app.settle_preview().await;
    app.click_in_preview("a[href='#top-anchor']").await;
    app.wait_js("const d = document.getElementById('preview').contentDocument; return Math.abs(d.getElementById('top-anchor').getBoundingClientRect().top) < 5", "the anchor to scroll the preview").await;
    assert!(!app.opened.exists(), "an anchor opens nothing outside");
    app.close().await;
}
