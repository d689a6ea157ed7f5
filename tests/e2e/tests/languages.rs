//! A bilingual blog in the window: one library entry per post with a badge per language, a
//! click on a badge opening that version; *Translate to…* opening a translation beside its
//! original.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use inkstone_e2e::App;

const ZH: &str = "content/posts/linux-tcp-congestion-ops.md";
const EN: &str = "content/posts/linux-tcp-congestion-ops.en.md";

/// The sample blog made bilingual: Chinese by default, an English version of one post.
fn bilingual(blog: &Path) {
    let config = std::fs::read_to_string(blog.join("hugo.toml")).unwrap();
    std::fs::write(
        blog.join("hugo.toml"),
        format!("defaultContentLanguage = \"zh\"\n{config}\n[languages.zh]\nweight = 1\n[languages.en]\nweight = 2\n"),
    )
    .unwrap();
    // The same outline as the Chinese post, with sections of other lengths.
    let mut body = String::from("\nCongestion control is a table of callbacks.\n");
    for (i, heading) in [
        "The function table",
        "After an ACK arrives",
        "The Reno example",
        "Switching algorithms on a machine",
        "Summary",
    ]
    .iter()
    .enumerate()
    {
        body.push_str(&format!("\n## {heading}\n\n"));
        for n in 0..(8 + 9 * i) {
            body.push_str(&format!("Line {n} of the section on {heading}.\n"));
        }
    }
    std::fs::write(
        blog.join(EN),
        format!("---\ntitle: \"TCP congestion control in the Linux kernel\"\ndate: 2024-02-18T22:10:00+08:00\ntags: [\"linux\", \"tcp\"]\n---\n{body}"),
    )
    .unwrap();
}

#[tokio::test]
async fn a_post_and_its_translation_are_one_entry_with_a_badge_each() {
    let app = App::start_with(bilingual, Vec::new()).await;
    app.wait_js(
        &format!("return document.querySelectorAll(\"li.post[data-path='{ZH}'] .badge.lang\").length === 2"),
        "two language badges on the post",
    )
    .await;
    assert_eq!(
        app.js(&format!(
            "return document.querySelectorAll(\"li.post[data-path='{EN}']\").length"
        ))
        .await,
        0,
        "the English version is no entry of its own"
    );
    let badges = app
        .js(&format!(
            "return Array.from(document.querySelectorAll(\"li.post[data-path='{ZH}'] .badge.lang\")).map(b => b.textContent)"
        ))
        .await;
    assert_eq!(badges, serde_json::json!(["EN", "中"]));
    app.click(&format!(
        "li.post[data-path='{ZH}'] .badge.lang[data-lang='en']"
    ))
    .await;
    app.wait_js(
        &format!("return document.body.dataset.previewPath === '{EN}'"),
        "the English version to open",
    )
    .await;
    // The entry now shows the version that is open.
    app.wait_js(
        &format!("return document.querySelector('li.post.active')?.dataset.path === '{EN}'"),
        "the entry to show the open version",
    )
    .await;
    let footer = app
        .js("return document.querySelector('.library-footer').textContent")
        .await;
    assert!(footer.as_str().unwrap().contains("EN 1"), "{footer}");

    // Off by default, a setting shows the versions a post lacks; a click starts one.
    const GO: &str = "content/posts/go-errgroup-bounded-workers.md";
    const GO_EN: &str = "content/posts/go-errgroup-bounded-workers.en.md";
    assert_eq!(
        app.js("return document.querySelectorAll('.badge.lang.missing').length")
            .await,
        0
    );
    app.click("[data-testid=show-missing]").await;
    app.wait_js(
        &format!("return !!document.querySelector(\"li.post[data-path='{GO}'] .badge.lang.missing[data-lang='en']\") && !document.querySelector(\"li.post.active .badge.lang.missing\")"),
        "a missing English version shown on the posts without one only",
    )
    .await;
    app.js("document.querySelector('li.post.active').scrollIntoView(); return null")
        .await;
    app.screenshot("languages").await;
    app.click(&format!(
        "li.post[data-path='{GO}'] .badge.lang.missing[data-lang='en']"
    ))
    .await;
    app.wait_js(
        &format!("return document.querySelector('li.post.active')?.dataset.path === '{GO_EN}' && !document.querySelector('[data-testid=original]').hidden"),
        "the English version started beside its original",
    )
    .await;
    assert!(app.blog.join(GO_EN).is_file());
    app.close().await;
}

async fn translate_to(app: &App, lang: &str) {
    app.click("[data-testid=translate-to]").await;
    app.click(&format!(
        "[data-testid=translate-menu] button[data-lang='{lang}']"
    ))
    .await;
}

/// How far (px) the line reading `text` is from the top of the visible area of the
/// CodeMirror view in `css`; null when it is not drawn.
fn from_top(css: &str, text: &str) -> String {
    format!(
        "const s = document.querySelector('{css} .cm-scroller'); const l = [...s.querySelectorAll('.cm-line')].find(e => e.textContent === {text:?}); return l ? l.getBoundingClientRect().top - s.getBoundingClientRect().top : null;"
    )
}

#[tokio::test]
async fn translate_to_opens_the_translation_beside_its_original_scrolled_alike() {
    const CFS: &str = "content/posts/k8s-cpu-limits-to-cfs-bandwidth.md";
    const CFS_EN: &str = "content/posts/k8s-cpu-limits-to-cfs-bandwidth.en.md";
    let app = App::start_with(bilingual, Vec::new()).await;

    // An existing translation: it opens, with the post it came from beside it.
    app.open_post(ZH).await;
    translate_to(&app, "en").await;
    app.wait_js(
        &format!("const o = document.querySelector('[data-testid=original]'); return document.querySelector('li.post.active')?.dataset.path === '{EN}' && !!o && !o.hidden && o.textContent.includes('一张函数表') && document.getElementById('preview').hidden"),
        "the English version beside the Chinese original",
    )
    .await;
    let label = app
        .js("return document.querySelector('[data-testid=original-label]').textContent")
        .await;
    assert!(label.as_str().unwrap().contains(ZH), "{label}");
    // The translation's third heading at the top of the editor: the original's third
    // heading at the top beside it, though the sections before differ in length.
    // CodeMirror draws only the lines near the viewport: scrolled down until it drew it.
    app.wait_js(
        "const s = document.querySelector('#editor .cm-scroller'); const l = [...s.querySelectorAll('.cm-line')].find(e => e.textContent === '## The Reno example'); if (!l) { s.scrollTop += 300; return false; } s.scrollTop += l.getBoundingClientRect().top - s.getBoundingClientRect().top; return true",
        "the translation's third heading at the top of the editor",
    )
    .await;
    let original = from_top("[data-testid=original]", "## 以 Reno 为例");
    app.wait_js(
        &format!("const d = (() => {{ {original} }})(); return d !== null && Math.abs(d) < 30"),
        "the original's matching heading at the top",
    )
    .await;
    app.screenshot("translate").await;
    // Scrolled by the user, the original leads: the editor follows to the fourth heading.
    // (Scrolled down until CodeMirror has drawn that heading, then put at the top.)
    app.wait_js(
        "const s = document.querySelector('[data-testid=original] .cm-scroller'); const l = [...s.querySelectorAll('.cm-line')].find(e => e.textContent === '## 在机器上切换算法'); if (!l) { s.scrollTop += 300; return false; } s.scrollTop += l.getBoundingClientRect().top - s.getBoundingClientRect().top; return true",
        "the original's fourth heading drawn",
    )
    .await;
    let editor = from_top("#editor", "## Switching algorithms on a machine");
    // Each look that finds it not there yet scrolls the original again by nothing, as a
    // user's next wheel tick would: the editor is placed from heights CodeMirror may have
    // measured only since (a loaded machine draws late).
    app.wait_js(
        &format!("const d = (() => {{ {editor} }})(); if (d !== null && Math.abs(d) < 30) return true; document.querySelector('[data-testid=original] .cm-scroller').dispatchEvent(new Event('scroll')); return false"),
        "the editor's matching heading at the top",
    )
    .await;

    // No translation yet: one is started as a draft where Hugo pairs it, and opens beside.
    app.open_post(CFS).await;
    assert_eq!(
        app.js("return document.querySelector('[data-testid=original]').hidden")
            .await,
        true,
        "opening another post brings the preview back"
    );
    translate_to(&app, "en").await;
    app.wait_js(
        &format!("const o = document.querySelector('[data-testid=original]'); return document.querySelector('li.post.active')?.dataset.path === '{CFS_EN}' && !!o && !o.hidden"),
        "the new English draft beside its original",
    )
    .await;
    let written = std::fs::read_to_string(app.blog.join(CFS_EN)).unwrap();
    let original = std::fs::read_to_string(app.blog.join(CFS)).unwrap();
    assert!(written.contains("draft: true"), "{written}");
    let body = |t: &str| t.splitn(3, "---").nth(2).unwrap_or_default().to_string();
    assert_eq!(
        body(&written),
        body(&original),
        "the original's text to start from"
    );
    app.wait_js(
        &format!("return document.querySelectorAll(\"li.post[data-path='{CFS_EN}'], li.post[data-path='{CFS}']\").length === 1 && document.querySelectorAll(\"li.post.active .badge.lang\").length === 2"),
        "one library entry with both languages",
    )
    .await;

    app.click("[data-testid=original-close]").await;
    app.wait_js(
        "return !document.getElementById('preview').hidden && document.querySelector('[data-testid=original]').hidden",
        "the preview back in its place",
    )
    .await;
    app.close().await;
}
