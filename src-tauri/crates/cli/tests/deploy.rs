//! From GitHub to the live page, against the loopback stand-in of GitHub (its API shaped like
//! GitHub's JSON, its git traffic passed to a real git server, lighttpd + git-http-backend),
//! with the token in a real Secret Service: `inkstone clone` gets the blog with progress and
//! refuses a folder in use, `publish --wait` follows the pushed commit's Actions run to the
//! post's live address, names a failing job and step, gives up politely at a time limit, and
//! still publishes when GitHub's API cannot be reached; a Hugo site that GitHub would build
//! with Jekyll gets its Pages workflow offered, shown and added.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Output;

use inkstone_testserver::{
    GitHubStub, HttpOptions, HttpServer, RunScript, Sandbox, Scenario, Site, SitePages,
    in_keyring_session,
};

struct World {
    sb: Sandbox,
    stub: GitHubStub,
    _git: HttpServer,
    bare: PathBuf,
}

const SITE: &str = "https://octocat.github.io/blog/";

/// `octocat/blog` on the stand-in: a Hugo blog (one post, one dated in 2099) pushed to a real
/// bare repository, with the given Pages site and run.
fn world(pages: Option<SitePages>, run: RunScript, git: bool) -> World {
    let sb = Sandbox::new();
    let bare = sb.bare_repo("blog");
    let seed = sb.root.path().join("seed");
    std::fs::create_dir_all(seed.join("content/posts")).unwrap();
    std::fs::write(
        seed.join("hugo.toml"),
        format!("title = \"Notes\"\nbaseURL = \"{SITE}\"\n"),
    )
    .unwrap();
    std::fs::write(
        seed.join("content/posts/bbr.md"),
        "---\ntitle: \"TCP BBR\"\ndate: 2024-01-02\n---\n\nbody\n",
    )
    .unwrap();
    std::fs::write(
        seed.join("content/posts/later.md"),
        "---\ntitle: \"Later\"\ndate: 2099-01-02\n---\n\nsoon\n",
    )
    .unwrap();
    sb.git(&seed, &["init", "-q", "-b", "main"]);
    sb.git(&seed, &["add", "-A"]);
    sb.git(&seed, &["commit", "-q", "-m", "first"]);
    sb.git(&seed, &["push", "-q", bare.to_str().unwrap(), "main"]);
    let token = Scenario::default().token;
    let server = HttpServer::start(
        &sb,
        HttpOptions {
            user: "x-access-token".into(),
            token: token.clone(),
            tls: false,
        },
    );
    let stub = GitHubStub::start(Scenario {
        site: Some(Site {
            repo: "octocat/blog".into(),
            bare: bare.clone(),
            git_port: git.then(|| server.port()),
            pages,
            run,
        }),
        ..Scenario::default()
    });
    World {
        sb,
        stub,
        _git: server,
        bare,
    }
}

fn workflow_site() -> Option<SitePages> {
    Some(SitePages {
        build_type: "workflow".into(),
        html_url: SITE.into(),
        branch: "main".into(),
    })
}

/// Runs `script` (sh) in `dir` with the stand-in's addresses, inside the sandbox's keyring
/// session (the token persists across calls).
fn run_with(w: &World, dir: &Path, script: &str, api: Option<&str>) -> (Output, String, String) {
    let bin = env!("CARGO_BIN_EXE_inkstone");
    let mut cmd = w.sb.command("sh");
    cmd.current_dir(dir)
        .args(["-c", &script.replace("inkstone", bin)])
        .env("INKSTONE_GITHUB_URL", w.stub.web_url())
        .env(
            "INKSTONE_GITHUB_API_URL",
            api.map_or(w.stub.api_url(), str::to_string),
        );
    let o = in_keyring_session(&w.sb, &mut cmd);
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    (o, stdout, stderr)
}

fn run(w: &World, dir: &Path, script: &str) -> (Output, String, String) {
    run_with(w, dir, script, None)
}

/// Signs in with the stand-in's token and clones `octocat/blog`; returns the clone.
fn signed_in_clone(w: &World) -> PathBuf {
    let token = Scenario::default().token;
    let (o, stdout, stderr) = run(
        w,
        w.sb.root.path(),
        &format!(
            "printf %s '{token}' | inkstone login --with-token && inkstone clone octocat/blog"
        ),
    );
    assert!(o.status.success(), "{stdout}\n{stderr}");
    let blog = w.sb.root.path().join("blog");
    let shown = blog.display().to_string();
    assert_eq!(stdout.lines().last(), Some(shown.as_str()), "{stdout}");
    assert!(
        stderr.contains(&format!(
            "Cloned octocat/blog into {shown}: a Hugo site with 2 post(s)."
        )),
        "{stderr}"
    );
    blog
}

fn edit(blog: &Path) {
    std::fs::write(
        blog.join("content/posts/bbr.md"),
        "---\ntitle: \"TCP BBR\"\ndate: 2024-01-02\n---\n\nbody, revised\n",
    )
    .unwrap();
}

#[test]
fn clone_then_publish_wait_follows_the_run_to_the_posts_live_address() {
    let w = world(workflow_site(), RunScript::default(), true);
    let blog = signed_in_clone(&w);
    // The clone is a working blog that knows its GitHub repository; the token is in no file.
    let config = std::fs::read_to_string(blog.join(".git/config")).unwrap();
    assert!(
        config.contains("githubRepository = octocat/blog"),
        "{config}"
    );
    assert!(config.contains(&format!("url = {}octocat/blog.git", w.stub.web_url())));
    assert!(!config.contains(&Scenario::default().token));
    assert!(blog.join("content/posts/bbr.md").is_file());

    edit(&blog);
    let (o, stdout, stderr) = run(&w, &blog, "inkstone publish --wait");
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("Published "), "{stdout}");
    assert!(
        stdout.contains("Live: https://octocat.github.io/blog/posts/bbr/"),
        "{stdout}"
    );
    let run_url = format!("{}octocat/blog/actions/runs/30433642", w.stub.web_url());
    assert!(
        stderr.contains(&format!("building… ({run_url})")),
        "{stderr}"
    );
    // The run was looked for by the pushed commit, which is on the server now.
    let pushed = w.sb.git(&w.bare, &["rev-parse", "main"]);
    let local = w.sb.git(&blog, &["rev-parse", "HEAD"]);
    assert_eq!(pushed, local);
    let asked = w.stub.requests();
    assert!(
        asked
            .iter()
            .any(|r| r == "GIT /octocat/blog.git/git-receive-pack"),
        "{asked:?}"
    );
    assert!(
        asked
            .iter()
            .filter(|r| *r == "GET /api/repos/octocat/blog/actions/runs")
            .count()
            >= 4,
        "{asked:?}"
    );
    // An unchanged answer was asked for with its ETag and came back 304.
    assert!(w.stub.not_modified() >= 1, "{asked:?}");

    let (o, stdout, stderr) = run(&w, &blog, "inkstone status --json");
    assert!(o.status.success(), "{stderr}");
    let status: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(status["state"], "live");
    assert_eq!(status["url"], SITE);
    assert_eq!(status["run_url"], run_url.as_str());
    assert_eq!(status["failed_step"], serde_json::Value::Null);
    assert_eq!(status["commit"], local.trim());
}

#[test]
fn only_the_pages_workflows_run_decides_not_another_workflows_failure() {
    let w = world(
        workflow_site(),
        RunScript {
            other_failure: true,
            ..RunScript::default()
        },
        true,
    );
    let blog = signed_in_clone(&w);
    // The blog deploys with its own workflow; a link checker fails on the same commit.
    let workflows = blog.join(".github/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    std::fs::write(
        workflows.join("hugo.yml"),
        "jobs:\n  build:\n    steps:\n      - run: hugo --minify\n      - uses: actions/upload-pages-artifact@v3\n  deploy:\n    steps:\n      - uses: actions/deploy-pages@v4\n",
    )
    .unwrap();
    edit(&blog);
    let (o, stdout, stderr) = run(&w, &blog, "inkstone publish --wait --json");
    assert!(o.status.success(), "{stdout}\n{stderr}");
    let d: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(d["state"], "live", "{d}");
    assert_eq!(
        d["run_url"],
        format!("{}octocat/blog/actions/runs/30433642", w.stub.web_url())
    );
    // Without knowing which workflow deploys, a failure on the commit counts.
    std::fs::remove_dir_all(blog.join(".github")).unwrap();
    let (o, stdout, _) = run(&w, &blog, "inkstone publish --wait --json");
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    let d: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(d["failed_step"], "links › Check links", "{d}");
}

#[test]
fn a_failed_build_is_reported_with_its_job_step_and_log() {
    let w = world(
        workflow_site(),
        RunScript {
            conclusion: Some("failure".into()),
            ..RunScript::default()
        },
        true,
    );
    let blog = signed_in_clone(&w);
    edit(&blog);
    let (o, stdout, stderr) = run(&w, &blog, "inkstone publish --wait --json");
    assert_eq!(o.status.code(), Some(1), "{stdout}\n{stderr}");
    let d: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(d["state"], "failed");
    assert_eq!(d["failed_step"], "build › Build with Hugo");
    assert_eq!(
        d["log_url"],
        format!(
            "{}octocat/blog/actions/runs/30433642/job/399444496",
            w.stub.web_url()
        )
    );
    assert_eq!(d["publish"]["published"], true);
    assert!(
        stderr.contains("inkstone: the site did not deploy: build › Build with Hugo"),
        "{stderr}"
    );
    // The push itself went through.
    assert_eq!(
        w.sb.git(&w.bare, &["rev-parse", "main"]),
        w.sb.git(&blog, &["rev-parse", "HEAD"])
    );
}

#[test]
fn a_build_that_never_ends_stops_at_the_time_limit_without_failing() {
    let w = world(
        workflow_site(),
        RunScript {
            conclusion: None,
            ..RunScript::default()
        },
        true,
    );
    let blog = signed_in_clone(&w);
    edit(&blog);
    let (o, stdout, stderr) = run(&w, &blog, "inkstone publish --wait --wait-limit 3");
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("Building: still building after ")
            && stdout.contains(" — check again later"),
        "{stdout}"
    );
    assert!(
        stdout.contains("will be at https://octocat.github.io/blog/posts/bbr/"),
        "{stdout}"
    );
}

#[test]
fn with_githubs_api_unreachable_the_post_is_still_published() {
    let w = world(workflow_site(), RunScript::default(), true);
    let blog = signed_in_clone(&w);
    edit(&blog);
    // The same host, a port where nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!(
        "http://127.0.0.1:{}/api/",
        closed.local_addr().unwrap().port()
    );
    drop(closed);
    let (o, stdout, stderr) = run_with(&w, &blog, "inkstone publish --wait --json", Some(&dead));
    assert!(o.status.success(), "{stdout}\n{stderr}");
    let d: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(d["state"], "unknown");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("could not check the deployment: cannot reach"),
        "{d}"
    );
    assert_eq!(d["publish"]["published"], true);
    assert_eq!(
        w.sb.git(&w.bare, &["rev-parse", "main"]),
        w.sb.git(&blog, &["rev-parse", "HEAD"])
    );
}

#[test]
fn a_hugo_site_built_by_github_with_jekyll_gets_its_workflow_offered_and_added() {
    let w = world(
        Some(SitePages {
            build_type: "legacy".into(),
            html_url: SITE.into(),
            branch: "main".into(),
        }),
        RunScript {
            name: "pages build and deployment".into(),
            ..RunScript::default()
        },
        true,
    );
    let blog = signed_in_clone(&w);
    edit(&blog);
    let (o, stdout, stderr) = run(&w, &blog, "inkstone publish --wait");
    // GitHub "built" the branch — with Jekyll, so the Hugo post is not on the site.
    assert_eq!(o.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stdout.contains(
            "Failed: GitHub Pages built the branch main with Jekyll, which cannot build a Hugo site"
        ),
        "{stdout}"
    );
    assert!(
        w.stub
            .requests()
            .iter()
            .any(|r| r == "GET /api/repos/octocat/blog/pages/builds/latest")
    );
    assert!(
        stderr.contains(
            "GitHub Pages builds the branch main with Jekyll, which cannot build a Hugo site"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("`inkstone workflow --add` adds it"),
        "{stderr}"
    );

    // Shown in full first, then added, then published like any change.
    let (o, shown, stderr) = run(&w, &blog, "inkstone workflow");
    assert!(o.status.success(), "{stderr}");
    assert!(shown.starts_with("# Builds the Hugo site"), "{shown}");
    assert!(shown.contains("branches: [\"main\"]"));
    assert!(shown.contains("uses: actions/deploy-pages@v4"));
    assert!(
        stderr.contains("1 post(s) are dated in the future: `--daily`"),
        "{stderr}"
    );
    assert!(!blog.join(".github").exists(), "only shown");
    let (o, _, stderr) = run(
        &w,
        &blog,
        "inkstone workflow --add --daily && inkstone publish",
    );
    assert!(o.status.success(), "{stderr}");
    let added = std::fs::read_to_string(blog.join(".github/workflows/hugo.yml")).unwrap();
    assert!(added.contains("cron: \"17 0 * * *\""), "{added}");
    let on_server =
        w.sb.git(&w.bare, &["show", "main:.github/workflows/hugo.yml"]);
    assert_eq!(on_server, added);
    // Never over an existing file, and not offered again once one deploys the site.
    let (o, _, stderr) = run(&w, &blog, "inkstone workflow --add");
    assert!(!o.status.success());
    assert!(
        stderr.contains(".github/workflows/hugo.yml already deploys this site to GitHub Pages: it is kept as it is, and nothing was added"),
        "{stderr}"
    );
    let (o, _, stderr) = run(&w, &blog, "inkstone workflow");
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains(".github/workflows/hugo.yml already deploys this site;")
            && !stderr.contains("--add` adds it"),
        "{stderr}"
    );
    // With the workflow in the repository, no more offer.
    let (_, _, stderr) = run(&w, &blog, "inkstone status");
    assert!(!stderr.contains("Jekyll"), "{stderr}");
}

#[test]
fn clone_refuses_a_folder_in_use_and_a_failed_clone_leaves_nothing() {
    // No git behind the stand-in: the clone itself fails after the API answered.
    let w = world(workflow_site(), RunScript::default(), false);
    let token = Scenario::default().token;
    let root = w.sb.root.path().join("work");
    std::fs::create_dir_all(root.join("used")).unwrap();
    std::fs::write(root.join("used/notes.txt"), "mine").unwrap();
    let (o, _, stderr) = run(
        &w,
        &root,
        &format!(
            "printf %s '{token}' | inkstone login --with-token && inkstone clone octocat/blog used"
        ),
    );
    assert!(!o.status.success());
    assert!(
        stderr.contains("used is not empty: clone into a new folder"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("used/notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(root.join("used")).unwrap().count(), 1);

    let (o, _, stderr) = run(&w, &root, "inkstone clone octocat/nothing-here");
    assert!(!o.status.success());
    assert!(
        stderr.contains("octocat/nothing-here was not found"),
        "{stderr}"
    );
    let (o, _, stderr) = run(&w, &root, "inkstone clone '../../etc'");
    assert!(!o.status.success());
    assert!(stderr.contains("is not OWNER/REPO"), "{stderr}");

    let (o, _, stderr) = run(&w, &root, "inkstone clone octocat/blog");
    assert!(!o.status.success(), "{stderr}");
    let left: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["used"], "{stderr}");
}
