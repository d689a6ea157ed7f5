//! `inkstone login`, `whoami` and `logout` against the loopback stand-in of GitHub, with the
//! token in a real Secret Service (gnome-keyring in a private D-Bus session): the device flow
//! shows the one-time code and where to enter it, the token lands in the keychain (never on
//! screen), a token without `repo` is refused by name, and signing out forgets it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Output;

use inkstone_testserver::{GitHubStub, Poll, Sandbox, Scenario, in_keyring_session};

/// Runs `script` (sh) with the stand-in's addresses and the stand-in's client id, inside a
/// keyring session of `sb` (items persist across calls).
fn run(sb: &Sandbox, stub: &GitHubStub, script: &str) -> (Output, String, String) {
    let bin = env!("CARGO_BIN_EXE_inkstone");
    let mut cmd = sb.command("sh");
    cmd.args(["-c", &script.replace("inkstone", bin)])
        .env("INKSTONE_GITHUB_URL", stub.web_url())
        .env("INKSTONE_GITHUB_API_URL", stub.api_url())
        .env("INKSTONE_GITHUB_CLIENT_ID", "Ov23listandin00000000");
    let o = in_keyring_session(sb, &mut cmd);
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    (o, stdout, stderr)
}

#[test]
fn login_by_device_flow_whoami_and_logout() {
    let sb = Sandbox::new();
    let stub = GitHubStub::start(Scenario {
        polls: vec![Poll::Pending, Poll::Token],
        repos: vec![
            ("octocat/notes".into(), false, "2024-06-01T00:00:00Z".into()),
            (
                "octocat/octocat.github.io".into(),
                true,
                "2024-01-01T00:00:00Z".into(),
            ),
        ],
        ..Scenario::default()
    });
    let token = Scenario::default().token;
    let (o, stdout, stderr) = run(&sb, &stub, "inkstone login");
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("First copy your one-time code: WDJB-MJHT"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}login/device", stub.web_url())),
        "{stderr}"
    );
    assert_eq!(
        stdout.trim(),
        format!(
            "Signed in to {} as octocat (scopes: repo, workflow)",
            stub.host()
        )
    );
    assert!(!stdout.contains(&token) && !stderr.contains(&token));
    // Two polls, at the interval given; then the token was checked.
    assert_eq!(
        stub.requests(),
        [
            "POST /login/device/code",
            "POST /login/oauth/access_token",
            "POST /login/oauth/access_token",
            "GET /api/user"
        ]
    );

    // Another process finds the token in the keychain.
    let (o, stdout, stderr) = run(&sb, &stub, "inkstone whoami --json");
    assert!(o.status.success(), "{stderr}");
    let who: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(who["login"], "octocat");
    assert_eq!(who["host"], stub.host());
    assert_eq!(who["scopes"], serde_json::json!(["repo", "workflow"]));
    assert_eq!(who["missing"], serde_json::json!([]));

    let (o, stdout, stderr) = run(&sb, &stub, "inkstone repos");
    assert!(o.status.success(), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with("octocat/octocat.github.io  Pages  2024-01-01"),
        "{stdout}"
    );
    assert!(lines[1].starts_with("octocat/notes"), "{stdout}");

    let (o, _, stderr) = run(&sb, &stub, "inkstone logout && inkstone whoami");
    assert!(!o.status.success());
    assert!(
        stderr.contains(&format!("Signed out of {}", stub.host())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "not signed in to {}: run `inkstone login`",
            stub.host()
        )),
        "{stderr}"
    );
}

#[test]
fn a_pasted_token_without_repo_is_refused_by_name_and_not_kept() {
    let sb = Sandbox::new();
    let stub = GitHubStub::start(Scenario {
        scopes: Some("read:user".into()),
        ..Scenario::default()
    });
    let token = Scenario::default().token;
    let (o, stdout, stderr) = run(
        &sb,
        &stub,
        &format!("printf %s '{token}' | inkstone login --with-token"),
    );
    assert!(!o.status.success(), "{stdout}");
    assert!(stderr.contains("lacks the `repo` scope"), "{stderr}");
    assert!(
        stderr.contains("settings/tokens/new?scopes=repo%2Cworkflow"),
        "{stderr}"
    );
    assert!(!stderr.contains(&token));
    let (o, _, stderr) = run(&sb, &stub, "inkstone whoami");
    assert!(!o.status.success(), "not kept: {stderr}");
}

#[test]
fn a_denied_sign_in_says_so() {
    let sb = Sandbox::new();
    let stub = GitHubStub::start(Scenario {
        polls: vec![Poll::Denied],
        ..Scenario::default()
    });
    let (o, _, stderr) = run(&sb, &stub, "inkstone login");
    assert!(!o.status.success());
    assert!(
        stderr.contains("the sign-in was cancelled on GitHub"),
        "{stderr}"
    );
}
