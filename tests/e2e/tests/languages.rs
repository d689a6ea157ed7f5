//! A bilingual blog in the window: one library entry per post with a badge per language, a
//! click on a badge opening that version.

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
    std::fs::write(
        blog.join(EN),
        "---\ntitle: \"TCP congestion control in the Linux kernel\"\ndate: 2024-02-18T22:10:00+08:00\ntags: [\"linux\", \"tcp\"]\n---\n\nCongestion control is a table of callbacks.\n",
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
    app.js("document.querySelector('li.post.active').scrollIntoView(); return null")
        .await;
    app.screenshot("languages").await;
    app.close().await;
}
