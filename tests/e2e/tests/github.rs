//! GitHub from the real window, against the loopback stand-in of GitHub (its git traffic
//! passed to a real git server) with a real Secret Service on a private session bus: sign in
//! with the device flow (the code shown, GitHub's page opened in the browser), the repository
//! list, Clone with its progress into a new folder that opens as the blog, then an edit
//! published and followed from Building… to Live, with the post's address in the Publish
//! panel and the status bar.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::Duration;

use inkstone_e2e::{App, SessionBus, copy_dir, repo};
use inkstone_testserver::{
    GitHubStub, HttpOptions, HttpServer, Poll, RunScript, Sandbox, Scenario, Site, SitePages,
};

const POST: &str = "content/posts/linux-tcp-congestion-ops.md";
const SITE: &str = "https://inkstone-demo.github.io/";

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_clone_publish_and_see_the_post_go_live() {
    let sb = Sandbox::new();
    // On the server: the sample blog, as `octocat/blog`.
    let bare = sb.bare_repo("blog");
    let seed = sb.root.path().join("seed");
    copy_dir(&repo().join("posts"), &seed);
    sb.git(&seed, &["init", "-q", "-b", "main"]);
    sb.git(&seed, &["add", "-A"]);
    sb.git(&seed, &["commit", "-qm", "Initial"]);
    sb.git(&seed, &["push", "-q", bare.to_str().unwrap(), "main"]);
    let token = Scenario::default().token;
    let git = HttpServer::start(
        &sb,
        HttpOptions {
            user: "x-access-token".into(),
            token,
            tls: false,
        },
    );
    let stub = GitHubStub::start(Scenario {
        polls: vec![Poll::Pending, Poll::Pending, Poll::Token],
        repos: vec![
            ("octocat/notes".into(), false, "2026-11-20T08:00:00Z".into()),
            ("octocat/blog".into(), true, "2026-11-01T08:00:00Z".into()),
            (
                "octocat/dotfiles".into(),
                false,
                "2026-10-02T08:00:00Z".into(),
            ),
        ],
        site: Some(Site {
            repo: "octocat/blog".into(),
            bare: bare.clone(),
            git_port: Some(git.port()),
            pages: Some(SitePages {
                build_type: "workflow".into(),
                html_url: SITE.into(),
                branch: "main".into(),
            }),
            // Slow enough to be seen building.
            run: RunScript {
                absent: 1,
                queued: 2,
                in_progress: 4,
                ..RunScript::default()
            },
        }),
        ..Scenario::default()
    });
    let keyring = SessionBus::start().with_secret_service(&sb);
    let mut env: Vec<(String, String)> = sb
        .env()
        .into_iter()
        .filter(|(k, _)| k != "LC_ALL")
        .collect();
    env.extend([
        ("DBUS_SESSION_BUS_ADDRESS".into(), keyring.address.clone()),
        ("INKSTONE_GITHUB_URL".into(), stub.web_url()),
        ("INKSTONE_GITHUB_API_URL".into(), stub.api_url()),
        (
            "INKSTONE_GITHUB_CLIENT_ID".into(),
            "Ov23listandin00000000".into(),
        ),
    ]);
    let app = App::start_with(|_| {}, env).await;

    // Sign in: the code is shown and GitHub's page opened in the browser.
    app.click("[data-testid=github-open]").await;
    // The dialog first asks the keychain whether someone is signed in.
    app.wait_js(
        "return !!document.querySelector('[data-testid=github-sign-in]')",
        "the Sign in button",
    )
    .await;
    app.click("[data-testid=github-sign-in]").await;
    app.wait_js(
        "return document.querySelector('[data-testid=github-code]')?.textContent === 'WDJB-MJHT'",
        "the one-time code",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    app.screenshot("github-sign-in").await;
    let opened = std::fs::read_to_string(&app.opened).unwrap_or_default();
    assert!(
        opened.contains(&format!("{}login/device", stub.web_url())),
        "{opened}"
    );
    // Two polls later: signed in, and the repositories, the Pages site first.
    let who = app
        .wait_js(
            "const a = document.querySelector('[data-testid=github-account]'); return a && a.textContent",
            "the signed-in account",
        )
        .await;
    assert!(
        who.as_str()
            .unwrap()
            .contains(&format!("Signed in to {} as octocat", stub.host())),
        "{who}"
    );
    let names = app
        .wait_js(
            "const l = [...document.querySelectorAll('[data-testid=github-repos] li')].map((li) => li.dataset.repo); return l.length === 3 && l",
            "the repository list",
        )
        .await;
    assert_eq!(
        names,
        serde_json::json!(["octocat/blog", "octocat/notes", "octocat/dotfiles"])
    );
    app.screenshot("github-repos").await;

    // Clone: it opens as the blog, in a new folder of the home folder.
    app.click("[data-testid=github-repos] li[data-repo='octocat/blog'] [data-testid=github-clone]")
        .await;
    app.wait_js(
        "return !document.querySelector('[data-testid=github]').open",
        "the clone to finish and the dialog to close",
    )
    .await;
    let cloned = sb.home.join("blog");
    app.wait_js(
        &format!(
            "return document.querySelector('[data-testid=blog-name]')?.parentElement?.title === {:?}",
            cloned.display().to_string()
        ),
        "the cloned blog open",
    )
    .await;
    let config = std::fs::read_to_string(cloned.join(".git/config")).unwrap();
    assert!(
        config.contains("githubRepository = octocat/blog"),
        "{config}"
    );
    assert!(!config.contains(&Scenario::default().token));

    // Edit, publish, and follow the run to the live post.
    app.open_post(POST).await;
    app.type_at_end("\nPublished and followed to the live page. 上线了。\n")
        .await;
    app.click("[data-testid=publish-open]").await;
    app.wait_js(
        &format!("const l = document.querySelector('[data-testid=publish-changes]'); return !!l && l.textContent.includes({POST:?});"),
        "the edited post in the panel",
    )
    .await;
    // What the panel and the status bar show on the way, noted as it changes (a loaded machine
    // may take a while to push, and the building may be over by the time a test looks).
    app.js(
        "window.__seen = []; new MutationObserver(() => { \
           const d = document.querySelector('[data-testid=publish-live] .deploy'); \
           const s = document.querySelector('[data-testid=status-deploy]'); \
           const now = `${d?.dataset.state}|${!!document.querySelector('[data-testid=deploy-run]')}|${s?.textContent}`; \
           if (window.__seen.at(-1) !== now) window.__seen.push(now); \
         }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }); return true",
    )
    .await;
    app.click("[data-testid=publish-run]").await;
    if app
        .js("return document.querySelector('[data-testid=publish-live] .deploy')?.dataset.state === 'building'")
        .await
        == true
    {
        app.screenshot("github-building").await;
    }
    let url = app
        .wait_js_within(
            "const a = document.querySelector('[data-testid=deploy-url]'); return a && a.getAttribute('href')",
            "Live with the post's address",
            Duration::from_secs(45),
        )
        .await;
    assert_eq!(
        url,
        format!("{SITE}posts/linux-tcp-congestion-ops/").as_str()
    );
    let status = app
        .js("const s = document.querySelector('[data-testid=status-deploy]'); return [s.textContent, s.getAttribute('href')]")
        .await;
    assert_eq!(status[0], "Live");
    assert_eq!(status[1], url);
    // Building… with a link to the run came first, in the panel and the status bar.
    let seen = app.js("return window.__seen").await;
    assert!(
        seen.as_array()
            .unwrap()
            .iter()
            .any(|s| s == "building|true|Building…"),
        "{seen}"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    app.screenshot("github-live").await;
    // The server has the edit, from the cloned folder.
    let file = sb.git(&bare, &["show", &format!("main:{POST}")]);
    assert!(file.contains("上线了。"), "{file}");
    assert_eq!(sb.git(Path::new(&cloned), &["status", "--porcelain"]), "");
    app.close().await;
}
