//! A loopback stand-in of GitHub's sign-in endpoints and REST API (test-only): the device flow
//! (`/login/device/code`, `/login/oauth/access_token`, answering errors with HTTP 200 and an
//! `error` field, as GitHub does) and `GET /user` with the `X-OAuth-Scopes` header, shaped
//! like GitHub's documented JSON. Point `INKSTONE_GITHUB_URL` at [`GitHubStub::web_url`] and
//! `INKSTONE_GITHUB_API_URL` at [`GitHubStub::api_url`].

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
        }
    }
}

struct State {
    scenario: Scenario,
    polls_made: usize,
    log: Vec<String>,
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
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
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
    let (status, extra, json) = match (method, path) {
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
    drop(st);
    let reason = match status {
        200 => "OK",
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
