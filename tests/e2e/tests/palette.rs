//! The keyboard in the real window: Ctrl+Shift+P opens the command palette, typing finds a
//! command and Enter runs it; Ctrl+P opens a post found by its title; F1 shows the shortcut
//! sheet. Keys are real key presses sent through WebDriver into the editor. Then the outline
//! of the post's headings: a click moves the editor there and the mark follows.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_e2e::App;

const CTRL: &str = "\u{E009}";
const SHIFT: &str = "\u{E008}";
const RELEASE: &str = "\u{E000}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const F1: &str = "\u{E031}";

#[tokio::test(flavor = "multi_thread")]
async fn the_palette_runs_an_action_and_ctrl_p_opens_a_post_by_title() {
    let app = App::start().await;
    app.open_post("content/posts/linux-tcp-congestion-ops.md")
        .await;

    // Ctrl+Shift+P, "new post", Enter: the New post dialog.
    app.type_into(".cm-content", &format!("{CTRL}{SHIFT}p{RELEASE}"))
        .await;
    app.wait_js(
        "return document.querySelector('[data-testid=palette]').open && document.activeElement?.dataset.testid === 'palette-input'",
        "the palette, its search field focused",
    )
    .await;
    let all = app
        .js("return document.querySelectorAll('[data-testid=palette-list] li').length")
        .await;
    assert!(all.as_u64().unwrap() >= 10, "{all}");
    app.type_into("[data-testid=palette-input]", "new po").await;
    let first = app
        .js("return document.querySelector('[data-testid=palette-list] li.chosen').dataset.id")
        .await;
    assert_eq!(first, "new-post");
    app.type_into("[data-testid=palette-input]", ENTER).await;
    app.wait_js(
        "return !document.querySelector('[data-testid=palette]').open && document.getElementById('new-post').open",
        "the New post dialog from the palette",
    )
    .await;
    app.type_into("[data-testid=new-title]", ESCAPE).await;
    app.wait_js(
        "return !document.getElementById('new-post').open",
        "the dialog closed",
    )
    .await;

    // Ctrl+P: a post by (part of) its title, here in Chinese-free words of an English title.
    app.type_into(".cm-content", &format!("{CTRL}p{RELEASE}"))
        .await;
    app.wait_js(
        "return document.querySelector('[data-testid=palette]').open",
        "the post picker",
    )
    .await;
    app.type_into("[data-testid=palette-input]", "errgroup")
        .await;
    app.type_into("[data-testid=palette-input]", ENTER).await;
    app.wait_js(
        "return document.querySelector('li.post.active')?.dataset.path === 'content/posts/go-errgroup-bounded-workers.md' && document.body.dataset.previewPath === 'content/posts/go-errgroup-bounded-workers.md'",
        "the post found by its title open",
    )
    .await;

    // F1: the sheet of shortcuts.
    app.type_into(".cm-content", F1).await;
    let sheet = app
        .wait_js(
            "const s = document.querySelector('[data-testid=shortcut-sheet]'); return s && s.textContent",
            "the shortcut sheet",
        )
        .await;
    let sheet = sheet.as_str().unwrap();
    assert!(
        sheet.contains("Command palette") && sheet.contains("Ctrl+Shift+P"),
        "{sheet}"
    );
    assert!(
        sheet.contains("Open post by title") && sheet.contains("Ctrl+P"),
        "{sheet}"
    );
    app.screenshot("palette").await;
    app.click("[data-testid=palette] .actions button").await;
    app.wait_js(
        "return !document.querySelector('[data-testid=palette]').open",
        "the sheet closed",
    )
    .await;

    // The outline: the open post's headings; a click puts the editor there, and the mark
    // follows the cursor.
    let headings = app
        .wait_js(
            "const l = [...document.querySelectorAll('[data-testid=outline] li')].map((li) => li.textContent); return l.length > 2 && l",
            "the outline of the open post",
        )
        .await;
    let second = headings[1].as_str().unwrap().to_string();
    app.click("[data-testid=outline] li:nth-child(2) button")
        .await;
    app.wait_js(
        &format!(
            "return (document.querySelector('.cm-activeLine')?.textContent || '').includes({second:?}) && document.querySelector('[data-testid=outline] li.current')?.textContent === {second:?}"
        ),
        "the editor on the heading clicked in the outline, marked there",
    )
    .await;
    app.screenshot("outline").await;
    app.close().await;
}
