//! The device flow and the token check against the loopback stand-in of GitHub, answering as
//! GitHub documents: pending, slow_down (the wait grows by 5 s or to the interval named),
//! expiry, denial, a wrong client id; a token's scopes, a fine-grained token, a bad token,
//! GitHub out of reach.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use inkstone_github::device::DeviceError;
use inkstone_github::{Api, Endpoints, Error};
use inkstone_testserver::{GitHubStub, Poll, Scenario};

fn api(stub: &GitHubStub) -> Api {
    Api::new(Endpoints::new(Some(&stub.web_url()), Some(&stub.api_url())).unwrap())
}

/// Runs the flow; returns the token (or error) and each wait asked for, in seconds.
fn flow(polls: Vec<Poll>) -> (Result<String, Error>, Vec<u64>) {
    let stub = GitHubStub::start(Scenario {
        polls,
        ..Scenario::default()
    });
    let api = api(&stub);
    let code = api.device_code("Ov23listandin00000000").unwrap();
    assert_eq!(code.user_code, "WDJB-MJHT");
    assert_eq!(
        code.verification_uri,
        format!("{}login/device", stub.web_url())
    );
    let mut waits = Vec::new();
    let token = api.poll_token("Ov23listandin00000000", &code, |d: Duration| {
        waits.push(d.as_secs());
        true
    });
    (token, waits)
}

#[test]
fn the_token_comes_once_the_user_approves() {
    let (token, waits) = flow(vec![Poll::Pending, Poll::Pending, Poll::Token]);
    assert_eq!(token.unwrap(), Scenario::default().token);
    assert_eq!(
        waits,
        [1, 1, 1],
        "the interval GitHub gave, before each poll"
    );
}

#[test]
fn slow_down_waits_longer_from_then_on() {
    let (token, waits) = flow(vec![
        Poll::Pending,
        Poll::SlowDown(3),
        Poll::Pending,
        Poll::Token,
    ]);
    assert!(token.is_ok());
    // 1 s, then slow_down: at least 5 s more than before (GitHub's rule), kept after.
    assert_eq!(waits, [1, 1, 6, 6]);
    let (_, waits) = flow(vec![Poll::SlowDown(20), Poll::Token]);
    assert_eq!(
        waits,
        [1, 20],
        "the interval GitHub names, when it is longer"
    );
}

#[test]
fn expiry_denial_and_a_wrong_client_id_say_what_happened() {
    let (e, _) = flow(vec![Poll::Pending, Poll::Expired]);
    let e = e.unwrap_err();
    assert!(matches!(e, Error::Device(DeviceError::Expired)), "{e:?}");
    assert!(e.to_string().contains("expired"), "{e}");
    let (e, _) = flow(vec![Poll::Denied]);
    assert!(matches!(e.unwrap_err(), Error::Device(DeviceError::Denied)));
    let stub = GitHubStub::start(Scenario::default());
    let e = api(&stub).device_code("Ov23linotours00000000").unwrap_err();
    assert!(
        matches!(e, Error::Device(DeviceError::Disabled(_))),
        "{e:?}"
    );
}

#[test]
fn a_token_is_checked_for_its_user_and_scopes() {
    let stub = GitHubStub::start(Scenario {
        scopes: Some("public_repo, read:org".into()),
        ..Scenario::default()
    });
    let info = api(&stub).user(&Scenario::default().token).unwrap();
    assert_eq!(info.user.login, "octocat");
    assert_eq!(info.missing, ["repo", "workflow"]);
    let fine = GitHubStub::start(Scenario {
        scopes: None,
        ..Scenario::default()
    });
    let info = api(&fine).user(&Scenario::default().token).unwrap();
    assert_eq!(
        info.scopes, None,
        "a fine-grained token has no scopes to read"
    );
    assert!(info.missing.is_empty());
    let e = api(&stub).user("gho_wrong").unwrap_err();
    assert!(matches!(e, Error::BadToken { .. }), "{e:?}");
    assert!(
        !e.to_string().contains("gho_wrong"),
        "no token in a message: {e}"
    );
}

#[test]
fn github_out_of_reach_is_a_clear_error_not_a_hang() {
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/");
    let api = Api::new(Endpoints::new(Some(&url), Some(&format!("{url}api/"))).unwrap());
    let e = api.user("gho_secret").unwrap_err();
    assert!(matches!(e, Error::Network { .. }), "{e:?}");
    let text = e.to_string();
    assert!(
        text.contains(&format!("127.0.0.1:{port}")) && !text.contains("gho_secret"),
        "{text}"
    );
}

#[test]
fn repositories_come_from_every_page_pages_sites_first_and_never_from_another_host() {
    let stub = GitHubStub::start(Scenario {
        repos: vec![
            (
                "octocat/dotfiles".into(),
                false,
                "2024-05-01T00:00:00Z".into(),
            ),
            (
                "octocat/octocat.github.io".into(),
                true,
                "2024-01-01T00:00:00Z".into(),
            ),
            ("octocat/notes".into(), false, "2024-06-01T00:00:00Z".into()),
            ("octo-org/docs".into(), true, "2024-03-01T00:00:00Z".into()),
            ("octocat/old".into(), false, "2020-01-01T00:00:00Z".into()),
        ],
        page_size: 2,
        foreign_next: true,
        ..Scenario::default()
    });
    let repos = api(&stub).repos(&Scenario::default().token).unwrap();
    let names: Vec<&str> = repos.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "octo-org/docs",
            "octocat/octocat.github.io",
            "octocat/notes",
            "octocat/dotfiles",
            "octocat/old"
        ]
    );
    assert_eq!(
        repos[1].clone_url,
        format!("{}octocat/octocat.github.io.git", stub.web_url())
    );
    // Three pages asked for, and not the foreign `next` of the last one.
    let asked = stub
        .requests()
        .iter()
        .filter(|r| r.as_str() == "GET /api/user/repos")
        .count();
    assert_eq!(asked, 3);
}
