//! Publishing from the real window: edit a post, open the Publish panel, publish, and the
//! loopback git server has the commit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

use inkstone_e2e::{App, free_port};
use inkstone_testserver::Sandbox;

const POST: &str = "content/posts/linux-tcp-congestion-ops.md";

/// `git daemon` on 127.0.0.1 serving the sandbox's bare repositories, pushes allowed.
struct Daemon(std::process::Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn daemon(sb: &Sandbox) -> (Daemon, u16) {
    let port = free_port();
    // `git-daemon` itself, not `git daemon`: `git` runs it as a child of its own, which killing
    // `git` would leave listening after the test.
    let exec_path = sb
        .command("git")
        .arg("--exec-path")
        .output()
        .expect("git --exec-path");
    let exec_path = String::from_utf8_lossy(&exec_path.stdout)
        .trim()
        .to_string();
    let program = std::path::Path::new(&exec_path).join("git-daemon");
    let child = sb
        .command(&program.to_string_lossy())
        .args([
            "--reuseaddr",
            "--export-all",
            "--enable=receive-pack",
            "--listen=127.0.0.1",
        ])
        .arg(format!("--port={port}"))
        .arg(format!("--base-path={}", sb.srv.display()))
        .arg(&sb.srv)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("git daemon");
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "git daemon did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    (Daemon(child), port)
}

#[tokio::test(flavor = "multi_thread")]
async fn edit_publish_and_the_server_has_the_commit() {
    let sb = Sandbox::new();
    let bare = sb.bare_repo("blog");
    let (_daemon, port) = daemon(&sb);
    let url = format!("git://127.0.0.1:{port}/blog.git");
    // The app sees the sandbox's HOME and git config, not the developer's.
    let env: Vec<(String, String)> = sb
        .env()
        .into_iter()
        .filter(|(k, _)| k != "LC_ALL")
        .collect();
    let app = App::start_with(
        |blog| {
            sb.git(blog, &["init", "-q", "-b", "main"]);
            sb.git(blog, &["add", "-A"]);
            sb.git(blog, &["commit", "-qm", "Initial"]);
            sb.git(blog, &["remote", "add", "origin", &url]);
            sb.git(blog, &["push", "-q", "-u", "origin", "main"]);
        },
        env,
    )
    .await;

    app.open_post(POST).await;
    // With an image the site will not have: the panel's check says so, and publishing works.
    app.type_at_end("\nPublished from the window 发布测试. ![diagram](missing-diagram.png)\n")
        .await;
    app.click("[data-testid=publish-open]").await;
    // The panel saves the post first, then lists it with a message naming it.
    app.wait_js(
        &format!("const l = document.querySelector('[data-testid=publish-changes]'); return !!l && l.textContent.includes({POST:?});"),
        "the edited post in the panel's changes",
    )
    .await;
    app.wait_js(
        "const c = document.querySelector('[data-testid=publish-check]'); return !!c && c.textContent.includes('missing-diagram.png') && c.textContent.includes('1 problem');",
        "the check to name the missing image",
    )
    .await;
    app.click("[data-testid=publish-check] .finding").await;
    app.wait_js(
        "return (document.querySelector('.cm-activeLine')?.textContent || '').includes('missing-diagram.png')",
        "the editor on the line with the missing image",
    )
    .await;
    let message = app
        .js("return document.querySelector('[data-testid=publish-message]').value")
        .await;
    let message = message.as_str().unwrap().to_string();
    assert!(message.starts_with("Update \""), "{message}");
    let deploy = app
        .js("return document.querySelector('[data-testid=publish-deploy]').textContent")
        .await;
    assert!(
        deploy.as_str().unwrap().contains("GitHub Actions"),
        "{deploy}"
    );

    app.click("[data-testid=publish-run]").await;
    app.wait_js(
        "const o = document.querySelector('[data-testid=publish-outcome]'); return !!o && o.textContent.includes('Published');",
        "the published result",
    )
    .await;
    app.wait_js(
        "return document.querySelector('[data-testid=publish-run]').textContent === 'Publish'",
        "the panel to settle",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("publish").await;

    let subject = sb.git(&bare, &["log", "-1", "--format=%s", "main"]);
    assert_eq!(subject.trim(), message.lines().next().unwrap());
    let file = sb.git(&bare, &["show", &format!("main:{POST}")]);
    assert!(
        file.contains("Published from the window 发布测试."),
        "{file}"
    );
    assert_eq!(sb.git(&app.blog, &["status", "--porcelain"]), "");
    app.close().await;
}
