//! The front-matter form in the real window: a field from "More fields" edits only its key;
//! `git diff` would show one added line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_e2e::App;

const TCP: &str = "content/posts/linux-tcp-congestion-ops.md";

#[tokio::test(flavor = "multi_thread")]
async fn a_more_field_adds_one_line_and_touches_nothing_else() {
    let app = App::start().await;
    let before = std::fs::read_to_string(app.blog.join(TCP)).unwrap();
    app.open_post(TCP).await;
    app.click(".fm-more summary").await;
    app.type_into("[data-testid=fm-slug]", "tcp-congestion-ops\u{E007}")
        .await;
    app.wait_js(
        "return document.querySelector('[data-testid=fm-raw]').value.includes('slug = ')",
        "the raw view to show the new key",
    )
    .await;
    app.screenshot("frontmatter").await;
    app.type_into(".cm-content", "\u{E009}s\u{E000}").await;
    app.wait_js(
        "return document.querySelector('[data-testid=save-state]').textContent === 'Saved'",
        "the save",
    )
    .await;
    let after = std::fs::read_to_string(app.blog.join(TCP)).unwrap();
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let added: Vec<&&str> = new.iter().filter(|l| !old.contains(l)).collect();
    assert_eq!(added, [&"slug = \"tcp-congestion-ops\""], "{after}");
    let removed: Vec<&&str> = old.iter().filter(|l| !new.contains(l)).collect();
    assert!(
        removed.is_empty(),
        "no line removed or changed: {removed:?}"
    );
    app.close().await;
}
