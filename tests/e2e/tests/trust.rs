//! The webview is untrusted too: the window's own IPC, called with hostile arguments the way a
//! compromised page would, touches nothing outside the open blog's posts and images.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use inkstone_e2e::App;
use serde_json::{Value, json};

/// Calls an IPC command from the main window; `Ok` with its answer, or `Err` with the error.
async fn invoke(app: &App, cmd: &str, args: Value) -> Result<Value, Value> {
    let script = format!(
        "return window.__TAURI_INTERNALS__.invoke({cmd:?}, {args}).then(v => ({{ok: v === undefined ? null : v}}), e => ({{err: e}}))"
    );
    let answer = app.js(&script).await;
    match answer.get("err") {
        Some(e) => Err(e.clone()),
        None => Ok(answer["ok"].clone()),
    }
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_default();
            (p.strip_prefix(dir).unwrap().display().to_string(), bytes)
        })
        .collect();
    files.sort();
    files
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test]
async fn hostile_ipc_arguments_are_refused_and_nothing_changes_on_disk() {
    let app = App::start_with(
        |blog| {
            let outside = blog.parent().unwrap().join("outside");
            std::fs::create_dir_all(&outside).unwrap();
            std::fs::write(outside.join("victim.md"), "original\n").unwrap();
            std::fs::create_dir_all(blog.join(".git")).unwrap();
            std::fs::write(blog.join(".git/config"), "[core]\n").unwrap();
            std::fs::create_dir_all(blog.join(".github/workflows")).unwrap();
            std::fs::write(blog.join(".github/workflows/pages.yml"), "on: push\n").unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&outside, blog.join("content/posts/out")).unwrap();
        },
        Vec::new(),
    )
    .await;
    let outside = app.blog.parent().unwrap().join("outside");
    let victim = outside.join("victim.md");
    let before_blog = snapshot(&app.blog);
    let before_outside = snapshot(&outside);
    let hostile = [
        "../outside/victim.md".to_string(),
        victim.display().to_string(),
        "content/posts/../../../outside/victim.md".to_string(),
        ".git/config".to_string(),
        ".GIT/config".to_string(),
        ".github/workflows/pages.yml".to_string(),
        ".github/workflows/evil.md".to_string(),
        "hugo.toml".to_string(),
        "content/posts/out/victim.md".to_string(),
        "content/posts/out/new.md".to_string(),
    ];
    for path in &hostile {
        let text = "PWNED\n";
        for (cmd, args) in [
            (
                "post_save",
                json!({"path": path, "text": text, "force": true}),
            ),
            ("post_draft", json!({"path": path, "draft": true})),
            ("journal_write", json!({"path": path, "text": text})),
            ("post_open", json!({"path": path})),
            ("post_disk", json!({"path": path})),
            ("post_split", json!({"path": path, "text": text})),
        ] {
            // Reading a file that is inside the blog (the config, a workflow) is allowed;
            // everything else must be refused.
            let readable = matches!(cmd, "post_open" | "post_disk" | "post_split")
                && !path.contains("..")
                && !path.starts_with('/')
                && !path.to_ascii_lowercase().starts_with(".git/")
                && !path.contains("/out/");
            let answer = invoke(&app, cmd, args).await;
            if !readable {
                let err = answer.expect_err(&format!("{cmd} {path}"));
                let message = err["message"].as_str().unwrap_or_default();
                assert!(
                    message.contains("refused") || message.contains("outside"),
                    "{cmd} {path}: {err}"
                );
            }
        }
    }
    // A folder the user never opened cannot be opened by the page.
    let err = invoke(
        &app,
        "blog_open",
        json!({"path": outside.display().to_string()}),
    )
    .await
    .expect_err("blog_open of an unknown folder");
    assert_eq!(err["code"], "refused", "{err}");
    assert_eq!(
        snapshot(&outside),
        before_outside,
        "nothing outside changed"
    );
    assert_eq!(
        snapshot(&app.blog),
        before_blog,
        "nothing in the blog changed"
    );
    // The data folder has no journal entry for any of them.
    let journal = app.data.join("journal");
    let entries = std::fs::read_dir(&journal).map(|d| d.count()).unwrap_or(0);
    assert_eq!(entries, 0, "no journal entry was written");
    app.close().await;
}

/// Two windows never write one blog: a second Inkstone process on a blog that is open says so
/// and opens nothing, and the first keeps working.
#[tokio::test]
async fn a_second_process_on_the_same_blog_is_refused() {
    let first = App::start().await;
    let second = App::start_with(
        |_| {},
        vec![("INKSTONE_BLOG".into(), first.blog.display().to_string())],
    )
    .await;
    second
        .wait_js(
            "return document.body.textContent.includes('(the Inkstone window, pid')",
            "the refusal",
        )
        .await;
    assert_eq!(
        second
            .js("return document.querySelectorAll('li.post').length")
            .await,
        0,
        "the second window lists nothing of that blog"
    );
    second.close().await;
    first
        .open_post("content/posts/linux-tcp-congestion-ops.md")
        .await;
    first.close().await;
}
