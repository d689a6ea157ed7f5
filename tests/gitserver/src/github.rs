//! A loopback stand-in of GitHub (test-only), shaped like GitHub's documented JSON:
//! - sign-in: the device flow (`/login/device/code`, `/login/oauth/access_token`, answering
//!   errors with HTTP 200 and an `error` field, as GitHub does) and `GET /user` with the
//!   `X-OAuth-Scopes` header;
//! - `GET /user/repos` (paginated with `Link`) and `GET /repos/{owner}/{repo}`;
//! - after a push ([`Site`]): `GET /repos/{o}/{r}/pages`, the Actions run for a commit
//!   (`/actions/runs?head_sha=`) going `queued → in_progress → completed`, its jobs and
//!   steps, and `/pages/builds/latest`. Runs and builds exist only for commits that are in
//!   the site's real bare repository. Answers carry an `ETag` and honour `If-None-Match` with
//!   304, and ask for 1-second polls with `X-Poll-Interval` (GitHub's header for the same
//!   purpose on its Events API);
//! - git over smart HTTP at GitHub's address shape (`/{owner}/{name}.git/…`), passed through
//!   to a real git server ([`crate::HttpServer`]'s `/git/{name}.git/…`).
//!
//! Point `INKSTONE_GITHUB_URL` at [`GitHubStub::web_url`] and `INKSTONE_GITHUB_API_URL` at
//! [`GitHubStub::api_url`].

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What one poll of `/login/oauth/access_token` answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Poll {
    Pending,
    /// `slow_down` with the new interval in seconds.
    SlowDown(u64),
    Expired,
    Denied,
    /// The token.
    Token,
}

/// How the stand-in behaves.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub client_id: String,
    /// The device flow's `interval` (GitHub: 5).
    pub interval: u64,
    /// The polls' answers in order; the last one repeats.
    pub polls: Vec<Poll>,
    /// The token the flow hands out, and the only one `GET /user` accepts.
    pub token: String,
    pub login: String,
    /// `X-OAuth-Scopes` (`None`: left out, as for a fine-grained token).
    pub scopes: Option<String>,
    /// The user's repositories: (`owner/name`, has a Pages site, `pushed_at`).
    pub repos: Vec<(String, bool, String)>,
    /// Repositories per page of `GET /user/repos` (GitHub: `per_page`, at most 100).
    pub page_size: usize,
    /// The last page's `Link` names a `next` page on another host (which must not be asked).
    pub foreign_next: bool,
    /// The blog's repository with its Pages site and Actions runs.
    pub site: Option<Site>,
}

/// The blog's repository on the stand-in.
#[derive(Debug, Clone)]
pub struct Site {
    /// `owner/name`.
    pub repo: String,
    /// Its real bare repository ([`crate::Sandbox::bare_repo`]).
    pub bare: std::path::PathBuf,
    /// The port of the [`crate::HttpServer`] serving it: git traffic to
    /// `/{owner}/{name}.git/…` goes there as `/git/{name}.git/…`.
    pub git_port: Option<u16>,
    /// `None`: the repository has no Pages site (404).
    pub pages: Option<SitePages>,
    pub run: RunScript,
}

/// `GET /repos/{o}/{r}/pages`.
#[derive(Debug, Clone)]
pub struct SitePages {
    /// `workflow` or `legacy`.
    pub build_type: String,
    pub html_url: String,
    /// `source.branch`.
    pub branch: String,
}

/// How the run for a pushed commit goes, counted in looks at `/actions/runs?head_sha=`.
#[derive(Debug, Clone)]
pub struct RunScript {
    /// Looks before the run appears (GitHub takes a moment to start one).
    pub absent: usize,
    pub queued: usize,
    pub in_progress: usize,
    /// `success`, `failure`…; `None`: it never completes.
    pub conclusion: Option<String>,
    /// The workflow's name (`pages build and deployment` for a branch-built site).
    pub name: String,
    /// Another workflow (`links.yml`, a link checker) also ran for the commit, and failed.
    pub other_failure: bool,
}

impl Default for RunScript {
    fn default() -> Self {
        RunScript {
            absent: 1,
            queued: 1,
            in_progress: 2,
            conclusion: Some("success".into()),
            name: "Deploy Hugo site to Pages".into(),
            other_failure: false,
        }
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            client_id: "Ov23listandin00000000".into(),
            interval: 1,
            polls: vec![Poll::Pending, Poll::Token],
            token: "gho_standinstandinstandinstandin0000".into(),
            login: "octocat".into(),
            scopes: Some("repo, workflow".into()),
            repos: Vec::new(),
            page_size: 100,
            foreign_next: false,
            site: None,
        }
    }
}

struct State {
    scenario: Scenario,
    polls_made: usize,
    log: Vec<String>,
    /// Looks at the runs of each commit.
    looks: std::collections::HashMap<String, usize>,
    not_modified: usize,
}

/// The running stand-in; stops when dropped.
pub struct GitHubStub {
    port: u16,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl GitHubStub {
    pub fn start(scenario: Scenario) -> GitHubStub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local_addr").port();
        let state = Arc::new(Mutex::new(State {
            scenario,
            polls_made: 0,
            log: Vec::new(),
            looks: std::collections::HashMap::new(),
            not_modified: 0,
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (Arc::clone(&state), Arc::clone(&stop));
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(conn) = conn {
                    let s = Arc::clone(&s);
                    std::thread::spawn(move || serve(conn, &s, port));
                }
            }
        });
        GitHubStub { port, state, stop }
    }

    /// The web address (sign-in pages), with a trailing `/`.
    pub fn web_url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The REST API's address, with a trailing `/`.
    pub fn api_url(&self) -> String {
        format!("http://127.0.0.1:{}/api/", self.port)
    }

    /// The keychain host for this server (`127.0.0.1:PORT`).
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Every request so far as `METHOD /path`.
    pub fn requests(&self) -> Vec<String> {
        self.state.lock().unwrap().log.clone()
    }

    /// How many conditional requests were answered 304 Not Modified.
    pub fn not_modified(&self) -> usize {
        self.state.lock().unwrap().not_modified
    }
}

impl Drop for GitHubStub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| {
            (
                k.to_string(),
                v.replace('+', " ").replace("%3A", ":").replace("%20", " "),
            )
        })
        .collect()
}

fn serve(conn: TcpStream, state: &Mutex<State>, port: u16) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(conn.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut headers = Vec::new();
    let mut raw_headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
        raw_headers.push(line);
    }
    {
        let mut parts = request_line.split_whitespace();
        let target = parts.nth(1).unwrap_or("");
        let git_port = state
            .lock()
            .unwrap()
            .scenario
            .site
            .as_ref()
            .and_then(|s| s.git_port);
        if let (Some(port), Some(rewritten)) = (git_port, git_target(target)) {
            let line = request_line.replacen(target, &rewritten, 1);
            state
                .lock()
                .unwrap()
                .log
                .push(format!("GIT {}", target.split('?').next().unwrap_or("")));
            proxy(conn, reader, &line, &raw_headers, port);
            return;
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let len: usize = header("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    let _ = reader.read_exact(&mut body);
    let body = String::from_utf8_lossy(&body).into_owned();
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = target.split('?').next().unwrap_or("");
    let mut st = state.lock().unwrap();
    st.log.push(format!("{method} {path}"));
    let web = format!("http://127.0.0.1:{port}/");
    let authorized = {
        let auth = header("authorization").unwrap_or_default();
        auth == format!("Bearer {}", st.scenario.token)
            || auth == format!("token {}", st.scenario.token)
    };
    let site_answer = if path.starts_with("/api/repos/") {
        Some(if authorized {
            site_route(&mut st, path, target, &web, port)
        } else {
            (401, String::new(), BAD_CREDENTIALS.to_string())
        })
    } else {
        None
    };
    let (status, extra, json) = match (method, path) {
        _ if site_answer.is_some() => site_answer.unwrap_or_default(),
        ("POST", "/login/device/code") => {
            let f = form(&body);
            let client = f.iter().find(|(k, _)| k == "client_id").map(|(_, v)| v.as_str());
            if client != Some(st.scenario.client_id.as_str()) {
                (
                    400,
                    String::new(),
                    r#"{"error":"unauthorized_client","error_description":"The client_id is not valid.","error_uri":"https://docs.github.com"}"#.to_string(),
                )
            } else {
                (
                    200,
                    String::new(),
                    format!(
                        r#"{{"device_code":"3584d83530557fdd1f46af8289938c8ef79f9dc5","user_code":"WDJB-MJHT","verification_uri":"{web}login/device","expires_in":900,"interval":{}}}"#,
                        st.scenario.interval
                    ),
                )
            }
        }
        ("POST", "/login/oauth/access_token") => {
            let i = st.polls_made.min(st.scenario.polls.len().saturating_sub(1));
            st.polls_made += 1;
            let answer = st.scenario.polls.get(i).cloned().unwrap_or(Poll::Pending);
            let err = |code: &str, text: &str| {
                format!(
                    r#"{{"error":"{code}","error_description":"{text}","error_uri":"https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow"}}"#
                )
            };
            let json = match answer {
                Poll::Pending => err("authorization_pending", "The authorization request is still pending."),
                Poll::SlowDown(n) => format!(
                    r#"{{"error":"slow_down","error_description":"Too many requests have been made in the same timeframe.","error_uri":"https://docs.github.com","interval":{n}}}"#
                ),
                Poll::Expired => err("expired_token", "The device_code has expired."),
                Poll::Denied => err("access_denied", "The authorization request was denied."),
                Poll::Token => format!(
                    r#"{{"access_token":"{}","token_type":"bearer","scope":"repo,workflow"}}"#,
                    st.scenario.token
                ),
            };
            // GitHub answers the device flow's errors with 200.
            (200, String::new(), json)
        }
        ("GET", "/api/user/repos") => {
            let auth = header("authorization").unwrap_or_default();
            if auth != format!("Bearer {}", st.scenario.token) {
                (
                    401,
                    String::new(),
                    r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#.to_string(),
                )
            } else {
                let page: usize = target
                    .split(['?', '&'])
                    .find_map(|kv| kv.strip_prefix("page="))
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(1);
                let size = st.scenario.page_size.max(1);
                let pages = st.scenario.repos.len().div_ceil(size).max(1);
                let items: Vec<String> = st
                    .scenario
                    .repos
                    .iter()
                    .skip((page - 1) * size)
                    .take(size)
                    .map(|(name, pages, pushed)| {
                        let owner = name.split('/').next().unwrap_or_default();
                        format!(
                            r#"{{"full_name":"{name}","owner":{{"login":"{owner}"}},"private":false,"html_url":"{web}{name}","clone_url":"{web}{name}.git","default_branch":"main","has_pages":{pages},"pushed_at":"{pushed}"}}"#
                        )
                    })
                    .collect();
                let api = format!("http://127.0.0.1:{port}/api/user/repos");
                let mut links = Vec::new();
                if page < pages {
                    links.push(format!("<{api}?per_page={size}&page={}>; rel=\"next\"", page + 1));
                    links.push(format!("<{api}?per_page={size}&page={pages}>; rel=\"last\""));
                } else if st.scenario.foreign_next {
                    links.push("<https://evil.example/user/repos?page=9>; rel=\"next\"".to_string());
                }
                let link = if links.is_empty() {
                    String::new()
                } else {
                    format!("Link: {}\r\n", links.join(", "))
                };
                (200, link, format!("[{}]", items.join(",")))
            }
        }
        ("GET", "/api/user") => {
            let auth = header("authorization").unwrap_or_default();
            if auth != format!("Bearer {}", st.scenario.token) && auth != format!("token {}", st.scenario.token) {
                (
                    401,
                    String::new(),
                    r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#.to_string(),
                )
            } else {
                let scopes = st
                    .scenario
                    .scopes
                    .as_ref()
                    .map(|s| format!("X-OAuth-Scopes: {s}\r\nX-Accepted-OAuth-Scopes: \r\n"))
                    .unwrap_or_default();
                (
                    200,
                    scopes,
                    format!(
                        r#"{{"login":"{0}","id":1,"name":"The {0}","html_url":"{web}{0}","type":"User"}}"#,
                        st.scenario.login
                    ),
                )
            }
        }
        _ => (
            404,
            String::new(),
            r#"{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}"#.to_string(),
        ),
    };
    // Every API answer has an ETag; asking again with it gets 304 while it is unchanged.
    let (status, extra, json) = if status == 200 && path.starts_with("/api/repos/") {
        let tag = format!("W/\"{:016x}\"", fnv(json.as_bytes()));
        if header("if-none-match").as_deref() == Some(tag.as_str()) {
            st.not_modified += 1;
            (304, format!("ETag: {tag}\r\n{extra}"), String::new())
        } else {
            (200, format!("ETag: {tag}\r\n{extra}"), json)
        }
    } else {
        (status, extra, json)
    };
    drop(st);
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        _ => "Not Found",
    };
    let mut conn = conn;
    let _ = write!(
        conn,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{json}",
        json.len()
    );
    let _ = conn.flush();
}

const BAD_CREDENTIALS: &str = r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#;
const NOT_FOUND: &str =
    r#"{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}"#;

/// FNV-1a, for ETags.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `/{owner}/{name}.git/rest` → `/git/{name}.git/rest` (the real git server's address).
fn git_target(target: &str) -> Option<String> {
    let rest = target.strip_prefix('/')?;
    let (owner, rest) = rest.split_once('/')?;
    let (name, rest) = rest.split_once(".git/")?;
    (!owner.is_empty() && !name.is_empty() && !owner.contains('.'))
        .then(|| format!("/git/{name}.git/{rest}"))
}

/// Passes one request to the git server on `port` and its answer back, byte for byte
/// (chunked bodies included), one request per connection.
fn proxy(
    conn: TcpStream,
    reader: BufReader<TcpStream>,
    request_line: &str,
    raw_headers: &[String],
    port: u16,
) {
    let Ok(mut up) = TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let mut head = request_line.to_string();
    for h in raw_headers {
        if !h.to_ascii_lowercase().starts_with("connection:") {
            head.push_str(h);
        }
    }
    head.push_str("Connection: close\r\n\r\n");
    if up.write_all(head.as_bytes()).is_err() || up.write_all(reader.buffer()).is_err() {
        return;
    }
    let (Ok(mut up_w), Ok(mut client_r)) = (up.try_clone(), conn.try_clone()) else {
        return;
    };
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_r, &mut up_w);
    });
    let mut client_w = conn;
    let _ = std::io::copy(&mut up, &mut client_w);
    let _ = client_w.flush();
    let _ = client_w.shutdown(std::net::Shutdown::Both);
}

/// `git` on the site's bare repository: the commit `rev` names, if it is there.
fn commit_in(bare: &std::path::Path, rev: &str) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("--git-dir")
        .arg(bare)
        .args([
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The run's stage after `looks` looks: `None` while it does not exist yet.
fn stage(run: &RunScript, looks: usize) -> Option<(&'static str, Option<String>)> {
    if looks < run.absent {
        return None;
    }
    let n = looks - run.absent;
    Some(if n < run.queued {
        ("queued", None)
    } else if n < run.queued + run.in_progress || run.conclusion.is_none() {
        ("in_progress", None)
    } else {
        ("completed", run.conclusion.clone())
    })
}

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// The API routes of the blog's repository: `/api/repos/{owner}/{repo}/…`.
fn site_route(
    st: &mut State,
    path: &str,
    target: &str,
    web: &str,
    port: u16,
) -> (u16, String, String) {
    let api = format!("http://127.0.0.1:{port}/api/");
    let rest = path.trim_start_matches("/api/repos/");
    let mut parts = rest.splitn(3, '/');
    let (owner, name, tail) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let full = format!("{owner}/{name}");
    let not_found = (404, String::new(), NOT_FOUND.to_string());
    if tail.is_empty() {
        let known = st.scenario.site.as_ref().is_some_and(|s| s.repo == full)
            || st.scenario.repos.iter().any(|r| r.0 == full);
        if !known {
            return not_found;
        }
        return (
            200,
            String::new(),
            format!(
                r#"{{"id":1296269,"name":{n},"full_name":{f},"owner":{{"login":{o}}},"private":false,"html_url":"{web}{full}","clone_url":"{web}{full}.git","default_branch":"main","has_pages":true,"pushed_at":"2026-11-30T10:00:00Z"}}"#,
                n = json_str(name),
                f = json_str(&full),
                o = json_str(owner)
            ),
        );
    }
    let Some(site) = st.scenario.site.clone().filter(|s| s.repo == full) else {
        return not_found;
    };
    let poll = "X-Poll-Interval: 1\r\n".to_string();
    let run_json = |sha: &str, stage: (&str, Option<String>)| {
        let conclusion = stage.1.map_or("null".to_string(), |c| json_str(&c));
        let (event, branch) = if site.run.name == "pages build and deployment" {
            (
                "dynamic",
                site.pages
                    .as_ref()
                    .map_or("main".to_string(), |p| p.branch.clone()),
            )
        } else {
            ("push", "main".to_string())
        };
        format!(
            r#"{{"id":30433642,"name":{name},"head_branch":{branch},"head_sha":"{sha}","path":".github/workflows/hugo.yml@main","run_number":562,"event":"{event}","display_title":"Publish","status":"{st}","conclusion":{conclusion},"workflow_id":159038,"html_url":"{web}{full}/actions/runs/30433642","jobs_url":"{api}repos/{full}/actions/runs/30433642/jobs","created_at":"2026-12-01T10:00:00Z","updated_at":"2026-12-01T10:00:20Z","run_attempt":1}}"#,
            name = json_str(&site.run.name),
            branch = json_str(&branch),
            st = stage.0,
        )
    };
    match tail {
        "pages" => match &site.pages {
            None => not_found,
            Some(p) => (
                200,
                String::new(),
                format!(
                    r#"{{"url":"{api}repos/{full}/pages","status":"built","cname":null,"custom_404":false,"html_url":{h},"build_type":"{b}","source":{{"branch":{br},"path":"/"}},"public":true,"https_enforced":true}}"#,
                    h = json_str(&p.html_url),
                    b = p.build_type,
                    br = json_str(&p.branch)
                ),
            ),
        },
        "actions/runs" => {
            let sha = target
                .split(['?', '&'])
                .find_map(|kv| kv.strip_prefix("head_sha="))
                .unwrap_or_default()
                .to_string();
            // Only a commit that was pushed has a run.
            let pushed =
                sha.len() == 40 && commit_in(&site.bare, &sha).as_deref() == Some(sha.as_str());
            let looks = st.looks.entry(sha.clone()).or_insert(0);
            let now = stage(&site.run, *looks);
            *looks += 1;
            let mut runs = match now {
                Some(stage) if pushed => vec![run_json(&sha, stage)],
                _ => Vec::new(),
            };
            if pushed && site.run.other_failure {
                runs.push(format!(
                    r#"{{"id":30433643,"name":"Check links","head_branch":"main","head_sha":"{sha}","path":".github/workflows/links.yml@main","run_number":88,"event":"push","display_title":"Publish","status":"completed","conclusion":"failure","workflow_id":159039,"html_url":"{web}{full}/actions/runs/30433643","jobs_url":"{api}repos/{full}/actions/runs/30433643/jobs","created_at":"2026-12-01T10:00:01Z","updated_at":"2026-12-01T10:00:09Z","run_attempt":1}}"#
                ));
            }
            (
                200,
                poll,
                format!(
                    r#"{{"total_count":{},"workflow_runs":[{}]}}"#,
                    runs.len(),
                    runs.join(",")
                ),
            )
        }
        "actions/runs/30433643/jobs" => (
            200,
            String::new(),
            format!(
                r#"{{"total_count":1,"jobs":[{{"id":399444600,"run_id":30433643,"name":"links","status":"completed","conclusion":"failure","html_url":"{web}{full}/actions/runs/30433643/job/399444600","steps":[{{"name":"Check links","status":"completed","conclusion":"failure","number":1}}]}}]}}"#
            ),
        ),
        "actions/runs/30433642/jobs" => {
            let failed = site
                .run
                .conclusion
                .as_deref()
                .is_some_and(|c| c != "success");
            let (build, build_steps, deploy) = if failed {
                (
                    "failure",
                    r#"[{"name":"Set up job","status":"completed","conclusion":"success","number":1},{"name":"Checkout","status":"completed","conclusion":"success","number":2},{"name":"Build with Hugo","status":"completed","conclusion":"failure","number":3},{"name":"Upload artifact","status":"completed","conclusion":"skipped","number":4}]"#,
                    "skipped",
                )
            } else {
                (
                    "success",
                    r#"[{"name":"Set up job","status":"completed","conclusion":"success","number":1},{"name":"Build with Hugo","status":"completed","conclusion":"success","number":2}]"#,
                    "success",
                )
            };
            (
                200,
                String::new(),
                format!(
                    r#"{{"total_count":2,"jobs":[{{"id":399444496,"run_id":30433642,"name":"build","status":"completed","conclusion":"{build}","html_url":"{web}{full}/actions/runs/30433642/job/399444496","started_at":"2026-12-01T10:00:05Z","completed_at":"2026-12-01T10:00:19Z","steps":{build_steps}}},{{"id":399444497,"run_id":30433642,"name":"deploy","status":"completed","conclusion":"{deploy}","html_url":"{web}{full}/actions/runs/30433642/job/399444497","steps":[]}}]}}"#
                ),
            )
        }
        "pages/builds/latest" => {
            let branch = site
                .pages
                .as_ref()
                .map_or("main".to_string(), |p| p.branch.clone());
            let Some(tip) = commit_in(&site.bare, &format!("refs/heads/{branch}")) else {
                return not_found;
            };
            // The Pages build of the branch's tip follows its run.
            let looks = st.looks.get(&tip).copied().unwrap_or(0);
            let (status, error) = match stage(&site.run, looks.saturating_sub(1)) {
                Some(("completed", Some(c))) if c == "success" => ("built", "null".to_string()),
                Some(("completed", Some(_))) => (
                    "errored",
                    json_str(
                        "Your site is having problems building: The tag `figure` on line 12 in `content/posts/tcp.md` is not a recognized Liquid tag.",
                    ),
                ),
                _ => ("building", "null".to_string()),
            };
            (
                200,
                poll,
                format!(
                    r#"{{"url":"{api}repos/{full}/pages/builds/5472601","status":"{status}","error":{{"message":{error}}},"pusher":{{"login":"octocat"}},"commit":"{tip}","duration":2104,"created_at":"2026-12-01T10:00:30Z","updated_at":"2026-12-01T10:00:51Z"}}"#
                ),
            )
        }
        _ => not_found,
    }
}
