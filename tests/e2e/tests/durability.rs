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
