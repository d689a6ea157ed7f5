//! The webview is untrusted too: the window's own IPC, called with hostile arguments the way a
//! compromised page would, touches nothing outside the open blog's posts and images.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use inkstone_e2e::{App, SessionBus};
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
    // Asking for a second launch's path when none was made grants nothing either.
    assert_eq!(
        invoke(&app, "blog_handover", json!({})).await,
        Ok(Value::Null)
    );
    let err = invoke(
        &app,
        "blog_open",
        json!({"path": outside.display().to_string()}),
    )
    .await
    .expect_err("blog_open of an unknown folder after blog_handover");
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

/// A folder holding `other-blog/`, a copy of the sample blog with a post only it has
/// (`content/posts/handed-over.md`): shown, it is that blog that is open.
fn other_blog() -> (tempfile::TempDir, std::path::PathBuf) {
    let elsewhere = tempfile::tempdir().unwrap();
    let other = elsewhere.path().join("other-blog");
    inkstone_e2e::copy_dir(&inkstone_e2e::repo().join("posts"), &other);
    std::fs::write(
        other.join("content/posts/handed-over.md"),
        "---\ntitle: \"Handed over\"\ndate: 2024-05-01T10:00:00+08:00\n---\n\nOpened by a second launch.\n",
    )
    .unwrap();
    (elsewhere, other)
}

/// Runs `inkstone-app ARG` in `cwd` as a second launch of `app` (the same user: its data
/// folder and session bus) and waits for it to exit.
fn launch_again(app: &App, bus: &SessionBus, cwd: &Path, arg: &str) -> std::process::Output {
    launch_with(&app.data, &bus.address, cwd, arg)
}

/// `launch_again` for the app whose data folder is `data`, on the bus at `bus`.
fn launch_with(data: &Path, bus: &str, cwd: &Path, arg: &str) -> std::process::Output {
    let mut child = std::process::Command::new(inkstone_e2e::app_binary())
        .arg(arg)
        .current_dir(cwd)
        .env("INKSTONE_DATA_DIR", data)
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if std::time::Instant::now() > until {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "the second launch did not hand over and exit; it kept running:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// One app per user: a second launch (`inkstone-app PATH`, as the file manager's Open with
/// runs it) hands its path to the running window and exits; the window opens the post in its
/// blog. A Markdown file in no blog opens alone; another file in no blog is reported there,
/// and nothing else opens.
#[tokio::test]
async fn a_second_launch_opens_its_post_in_the_running_window() {
    let bus = SessionBus::start();
    let first = App::start_with(
        |_| {},
        vec![("DBUS_SESSION_BUS_ADDRESS".into(), bus.address.clone())],
    )
    .await;
    let (elsewhere, other) = other_blog();

    // Into another blog, named relative to where it was started.
    let out = launch_again(
        &first,
        &bus,
        elsewhere.path(),
        "other-blog/content/posts/handed-over.md",
    );
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    first
        .wait_js(
            "return document.body.dataset.previewPath === 'content/posts/handed-over.md' && document.querySelector('li.post.active')?.dataset.path === 'content/posts/handed-over.md'",
            "the handed-over post to open in the first window",
        )
        .await;

    // Back to a post of the blog now open, as a file:// URI.
    let uri = format!(
        "file://{}",
        other.join("content/posts/bbr-vs-brutal-notes.md").display()
    );
    let out = launch_again(&first, &bus, elsewhere.path(), &uri);
    assert!(out.status.success());
    first
        .wait_js(
            "return document.body.dataset.previewPath === 'content/posts/bbr-vs-brutal-notes.md'",
            "the second post to open",
        )
        .await;

    // Not Markdown, in no blog: said in the window, the open post stays.
    std::fs::write(elsewhere.path().join("notes.txt"), "plain\n").unwrap();
    let out = launch_again(&first, &bus, elsewhere.path(), "notes.txt");
    assert!(out.status.success());
    first
        .wait_js(
            "return document.body.textContent.includes('notes.txt: not inside a Hugo, Jekyll or Hexo blog')",
            "the refusal of a file in no blog",
        )
        .await;
    assert_eq!(
        first.js("return document.body.dataset.previewPath").await,
        "content/posts/bbr-vs-brutal-notes.md"
    );

    // A Markdown file in no blog opens alone, saying that the blog's features are off; typing
    // and saving writes that file, and nothing beside it.
    let lone = elsewhere.path().join("lone.md");
    std::fs::write(&lone, "# Alone\n\nA note in no blog.\n").unwrap();
    let out = launch_again(&first, &bus, elsewhere.path(), "lone.md");
    assert!(out.status.success());
    first
        .wait_js(
            &format!(
                "return document.body.dataset.previewPath === 'lone.md' && {}",
                "document.querySelector('[data-testid=alone-note]')?.textContent.includes('no Hugo, Jekyll or Hexo blog')"
            ),
            "the file opened alone, with its note",
        )
        .await;
    let heading = first
        .wait_js(&App::preview_query("h1"), "its preview")
        .await;
    assert_eq!(heading, "Alone");
    let shown = first
        .js("return [...document.querySelectorAll('li.post')].map((li) => li.dataset.path).join(',') + ' publish:' + !!document.querySelector('[data-testid=publish-open]') + ' new:' + !document.querySelector('[data-testid=new-post]').hidden")
        .await;
    assert_eq!(shown, "lone.md publish:false new:false");
    // No screenshot here: once a second launch has raised the window (show and focus),
    // WebKitGTK without accelerated compositing (the app's default) never answers WebDriver's
    // snapshot, although the window paints (checked with an X screenshot of the display).
    first.type_at_end("\nEdited alone.").await;
    first.type_into(".cm-content", "\u{E009}s\u{E000}").await;
    first
        .wait_js(
            "return document.querySelector('[data-testid=save-state]').textContent === 'Saved'",
            "the save",
        )
        .await;
    let saved = std::fs::read_to_string(&lone).unwrap();
    assert!(
        saved.starts_with("# Alone\n\nA note in no blog.\n") && saved.contains("\nEdited alone."),
        "{saved}"
    );
    let mut beside: Vec<String> = std::fs::read_dir(elsewhere.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["lone.md", "notes.txt", "other-blog"]);
    // Named again (another Open with… on it), the file already open stays as it is: no
    // question about its unsaved text, nothing reloaded.
    first.type_at_end(" Still typing.").await;
    let out = launch_again(&first, &bus, elsewhere.path(), "lone.md");
    assert!(out.status.success());
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let state = first
        .js("return [!!document.querySelector('dialog[open]'), document.querySelector('.cm-content').textContent.includes('Still typing.')]")
        .await;
    assert_eq!(state, json!([false, true]));
    first.close().await;
}

/// A second launch made while the first window is still starting (Open with… clicked again
/// before the window showed its blog) is not lost, and is not opened into the blog still
/// loading: the window shows its first blog, then the post it was handed.
#[tokio::test]
async fn a_second_launch_while_the_window_starts_opens_its_post_once_it_is_up() {
    let bus = SessionBus::start();
    let (elsewhere, _) = other_blog();
    let address = bus.address.clone();
    let cwd = elsewhere.path().to_path_buf();
    let mut second = None;
    let first = App::start_with(
        |blog| {
            // As soon as the first app answers on the bus (it has not loaded its page yet),
            // the second is launched.
            let data = blog.parent().unwrap().join("data");
            second = Some(std::thread::spawn(move || {
                let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
                loop {
                    let names = std::process::Command::new("dbus-send")
                        .args([
                            "--session",
                            "--print-reply",
                            "--dest=org.freedesktop.DBus",
                            "/org/freedesktop/DBus",
                            "org.freedesktop.DBus.ListNames",
                        ])
                        .env("DBUS_SESSION_BUS_ADDRESS", &address)
                        .output()
                        .unwrap();
                    if String::from_utf8_lossy(&names.stdout).contains(".SingleInstance") {
                        break;
                    }
                    assert!(
                        std::time::Instant::now() < until,
                        "the first app never took its name on the bus"
                    );
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                launch_with(
                    &data,
                    &address,
                    &cwd,
                    "other-blog/content/posts/handed-over.md",
                )
            }));
        },
        vec![("DBUS_SESSION_BUS_ADDRESS".into(), bus.address.clone())],
    )
    .await;
    let out = second.take().unwrap().join().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    first
        .wait_js(
            "return document.body.dataset.previewPath === 'content/posts/handed-over.md' && document.querySelector('li.post.active')?.dataset.path === 'content/posts/handed-over.md'",
            "the handed-over post to open once the first blog is shown",
        )
        .await;
    first.close().await;
}
