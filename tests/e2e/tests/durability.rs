//! Nothing typed is lost: text survives `kill -9` of the app, and edits made by another
//! program reach the window (clean posts reload, unsaved ones ask).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, Instant};

use inkstone_e2e::App;

const TCP: &str = "content/posts/linux-tcp-congestion-ops.md";

fn preview_has(text: &str) -> String {
    format!(
        "const d = document.getElementById('preview').contentDocument; return !!d && d.body.textContent.includes({text:?})"
    )
}

fn save_state_is(text: &str) -> String {
    format!("return document.querySelector('[data-testid=save-state]').textContent === {text:?}")
}

async fn save(app: &App) {
    app.type_into(".cm-content", "\u{E009}s\u{E000}").await;
    app.wait_js(&save_state_is("Saved"), "the save").await;
}

/// Waits until some journal file holds `text` (the app journals within about a second).
async fn wait_journal(data: &Path, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = std::fs::read_dir(data.join("journal"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                std::fs::read_to_string(e.path()).is_ok_and(|s| {
                    serde_json::from_str::<serde_json::Value>(&s)
                        .is_ok_and(|v| v["text"].as_str().is_some_and(|t| t.contains(text)))
                })
            });
        if found {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{text:?} never reached the journal"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn typed_text_survives_kill_9_and_is_offered_back() {
    let app = App::start().await;
    let before = std::fs::read_to_string(app.blog.join(TCP)).unwrap();
    app.open_post(TCP).await;
    let typed = "崩溃之前写下的一段话 typed before the crash";
    app.type_at_end(&format!("\n{typed}")).await;
    wait_journal(&app.data, typed).await;

    let app = app.crash_and_restart().await;
    // The question, then both versions side by side (the merge view loads when first shown).
    app.wait_js(
        &format!(
            "const d = document.getElementById('compare'); const m = d.querySelector('.cm-mergeView'); return d.open && !!m && m.textContent.includes({typed:?})"
        ),
        "the recovery dialog showing the typed text",
    )
    .await;
    let dialog = app
        .js("return document.getElementById('compare').textContent")
        .await;
    let dialog = dialog.as_str().unwrap();
    assert!(dialog.contains(TCP), "names the post: {dialog}");
    assert!(
        dialog.contains(typed),
        "shows the typed text against the file: {dialog}"
    );
    app.screenshot("recovery").await;
    app.click("#compare [data-choice=restore]").await;
    app.wait_js(&preview_has(typed), "the restored text in the preview")
        .await;
    app.wait_js(&save_state_is("Unsaved changes"), "the post to be unsaved")
        .await;
    assert_eq!(
        std::fs::read_to_string(app.blog.join(TCP)).unwrap(),
        before,
        "restoring does not write the file by itself"
    );
    save(&app).await;
    let after = std::fs::read_to_string(app.blog.join(TCP)).unwrap();
    assert!(
        after.starts_with(&before) && after.contains(typed),
        "{after}"
    );
    // Saved: the next start has nothing to offer.
    let app = app.crash_and_restart().await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        app.js("return document.getElementById('compare').open")
            .await,
        false
    );
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_outside_edit_reloads_a_clean_post_and_asks_about_a_dirty_one() {
    let app = App::start().await;
    let file = app.blog.join(TCP);
    let before = std::fs::read_to_string(&file).unwrap();
    app.open_post(TCP).await;

    // Clean: another editor appends a line; the window follows without asking.
    let theirs = format!("{before}\n另一个编辑器加的一行 added by another editor\n");
    std::fs::write(&file, &theirs).unwrap();
    app.wait_js(
        &preview_has("added by another editor"),
        "the reloaded post in the preview",
    )
    .await;
    app.wait_js(&save_state_is("Saved"), "the post to stay clean")
        .await;
    assert_eq!(
        app.js("return document.getElementById('compare').open")
            .await,
        false
    );

    // Dirty: the user has typed; a second outside edit asks, and Compare shows both.
    app.type_at_end("\nmine 我的修改").await;
    app.wait_js(&save_state_is("Unsaved changes"), "the edit")
        .await;
    std::fs::write(&file, format!("{theirs}theirs 他们的修改\n")).unwrap();
    app.wait_js(
        "return document.getElementById('compare').open",
        "the question",
    )
    .await;
    app.click("[data-testid=compare-show]").await;
    app.wait_js(
        "const m = document.querySelector('#compare .cm-mergeView'); return !!m && m.textContent.includes('theirs 他们的修改') && m.textContent.includes('mine 我的修改')",
        "both versions side by side",
    )
    .await;
    app.screenshot("external-change").await;
    app.click("#compare [data-choice=keep]").await;
    app.wait_js(&preview_has("mine 我的修改"), "my text kept")
        .await;
    app.wait_js(&save_state_is("Unsaved changes"), "still unsaved")
        .await;
    save(&app).await;
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("mine 我的修改") && !saved.contains("theirs 他们的修改"),
        "{saved}"
    );
    // Our own save is no outside change: no question, no reload.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        app.js("return document.getElementById('compare').open")
            .await,
        false
    );

    // Dirty again, and this time the user takes the file's version.
    app.type_at_end("\nto be dropped").await;
    app.wait_js(&save_state_is("Unsaved changes"), "the edit")
        .await;
    std::fs::write(&file, format!("{saved}from git pull\n")).unwrap();
    app.wait_js(
        "return document.getElementById('compare').open",
        "the question",
    )
    .await;
    app.click("#compare [data-choice=take]").await;
    app.wait_js(&preview_has("from git pull"), "their text")
        .await;
    app.wait_js(&save_state_is("Saved"), "clean after taking theirs")
        .await;
    assert_eq!(
        app.js(&preview_has("to be dropped")).await,
        false,
        "my edit replaced by theirs"
    );
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_post_deleted_outside_keeps_its_text_and_saving_writes_it_back() {
    let app = App::start().await;
    let file = app.blog.join(TCP);
    app.open_post(TCP).await;
    app.type_at_end("\nstill here").await;
    std::fs::remove_file(&file).unwrap();
    app.wait_js(
        "return document.querySelector('[data-testid=status-event]').textContent.includes('deleted outside Inkstone')",
        "the user to be told",
    )
    .await;
    save(&app).await;
    let back = std::fs::read_to_string(&file).unwrap();
    assert!(
        back.contains("still here") && back.contains("title"),
        "{back}"
    );
    app.close().await;
}

/// Without the watcher (`INKSTONE_WATCH=0`) another program's write goes unnoticed until the
/// save: the core sees the file no longer holds what the buffer was loaded from, writes
/// nothing, and the window asks as for any outside change.
#[tokio::test(flavor = "multi_thread")]
async fn saving_over_a_file_changed_unseen_asks_instead_of_overwriting() {
    let app = App::start_with(|_| {}, vec![("INKSTONE_WATCH".into(), "0".into())]).await;
    let file = app.blog.join(TCP);
    let before = std::fs::read_to_string(&file).unwrap();
    app.open_post(TCP).await;
    app.type_at_end("\nmine, typed while git pulled").await;
    app.wait_js(&save_state_is("Unsaved changes"), "the edit")
        .await;
    let theirs = format!("{before}\nfrom git pull while nobody watched\n");
    std::fs::write(&file, &theirs).unwrap();
    app.type_into(".cm-content", "\u{E009}s\u{E000}").await;
    app.wait_js(
        "return document.getElementById('compare').open",
        "the question instead of an overwrite",
    )
    .await;
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        theirs,
        "nothing written"
    );
    app.click("#compare [data-choice=keep]").await;
    save(&app).await;
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("mine, typed while git pulled"), "{saved}");
    app.close().await;
}

/// One Ctrl+S is one save: cutting a post in half asks once, not twice (the editor's keymap
/// and the window both used to handle the shortcut).
#[tokio::test(flavor = "multi_thread")]
async fn one_ctrl_s_asks_the_shrink_question_once() {
    let app = App::start().await;
    app.open_post(TCP).await;
    // Select all the body and type one letter: the post shrinks by far more than half.
    app.type_into(".cm-content", "\u{E009}a\u{E000}x").await;
    app.wait_js(&save_state_is("Unsaved changes"), "the edit")
        .await;
    app.type_into(".cm-content", "\u{E009}s\u{E000}").await;
    // The question is the system's own dialog; the page counts the questions it asks.
    app.wait_js(
        "return document.body.dataset.questions === '1'",
        "the shrink question",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(app.js("return document.body.dataset.questions").await, "1");
    app.close().await;
}

/// Closing the window with an unsaved post journals it before asking; Cancel keeps the
/// window; a session that ends while the question is open (logout, `kill -9`) loses nothing:
/// the next start offers the text back. Save all writes it.
#[tokio::test(flavor = "multi_thread")]
async fn closing_with_an_unsaved_post_asks_and_the_text_is_offered_back() {
    let app = App::start().await;
    app.open_post(TCP).await;
    // Typed and closed at once: the throttled journal has not run yet.
    let typed = "关窗前没保存的一句 unsaved when the window closed";
    app.type_at_end(&format!("\n{typed}")).await;
    let close =
        "window.__TAURI_INTERNALS__.invoke('plugin:window|close', {label: 'main'}); return true";
    app.js(close).await;
    app.wait_js(
        "return document.getElementById('unsaved').open",
        "the question before closing",
    )
    .await;
    wait_journal(&app.data, typed).await;
    let names = app
        .js("return document.getElementById('unsaved').textContent")
        .await;
    assert!(names.as_str().unwrap().contains(TCP), "{names}");
    app.screenshot("unsaved-at-close").await;
    app.click("#unsaved [data-choice=cancel]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.wait_js(
        &save_state_is("Unsaved changes"),
        "the window still open, the post unsaved",
    )
    .await;

    // Asked again, and the session ends while the question is open.
    app.js(close).await;
    app.wait_js(
        "return document.getElementById('unsaved').open",
        "the question again",
    )
    .await;
    let app = app.crash_and_restart().await;
    app.wait_js(
        &format!(
            "const d = document.getElementById('compare'); return d.open && d.textContent.includes({TCP:?})"
        ),
        "the text offered back",
    )
    .await;
    app.click("#compare [data-choice=restore]").await;
    app.wait_js(&preview_has(typed), "the restored text").await;

    // Closing again and choosing Save all writes it, and the window goes.
    app.js(close).await;
    app.wait_js(
        "return document.getElementById('unsaved').open",
        "the question",
    )
    .await;
    app.click("#unsaved [data-choice=save]").await;
    let file = app.blog.join(TCP);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&file).unwrap().contains(typed) {
        assert!(Instant::now() < deadline, "Save all never wrote the post");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.close().await;
}
