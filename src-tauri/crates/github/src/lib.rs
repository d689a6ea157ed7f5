//! inkstone-github: GitHub's side of publishing a blog, with no UI. Where GitHub is (the web
//! and API addresses, `INKSTONE_GITHUB_URL` and `INKSTONE_GITHUB_API_URL` for GitHub
//! Enterprise Server and tests), signing in with the OAuth device flow ([`device`]) or a
//! pasted token, and what a token is: its user and its scopes ([`Api::user`]); the user's
//! repositories ([`repos`]); after a push, whether GitHub Pages built and deployed it
//! ([`deploy`]); the generators' standard Pages workflows ([`workflow`]).
//!
//! A token only ever travels over HTTPS; plain HTTP is accepted for a loopback address alone
//! (a test's stand-in), never for a host on the network. Tokens are never logged, printed or
//! put in an error message.

pub mod deploy;
pub mod device;
mod name;
pub mod repos;
pub mod workflow;

pub use deploy::{Deployment, Pages, State, Watch};
pub use name::RepoName;
pub use repos::Repo;

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The scopes Inkstone needs: `repo` to push a blog (public or private) and `workflow` to
/// add a Pages workflow under `.github/workflows/`.
pub const SCOPES: [&str; 2] = ["repo", "workflow"];

/// The OAuth app's client id: `INKSTONE_GITHUB_CLIENT_ID` at run time, else the one this
/// build was made with (the same variable at build time), else none (then sign-in takes a
/// pasted token).
pub fn client_id() -> Option<String> {
    std::env::var("INKSTONE_GITHUB_CLIENT_ID")
        .ok()
        .or_else(|| option_env!("INKSTONE_GITHUB_CLIENT_ID").map(str::to_string))
        .filter(|s| !s.trim().is_empty())
}

/// What can go wrong talking to GitHub. Messages name the address and never the token.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "cannot reach {url}: {reason} (check the network, or INKSTONE_GITHUB_URL / INKSTONE_GITHUB_API_URL)"
    )]
    Network { url: String, reason: String },
    #[error("{url} answered {status}: {message}")]
    Http {
        url: String,
        status: u16,
        message: String,
    },
    #[error(
        "GitHub did not accept the token ({url} answered 401): sign in again with `inkstone login`"
    )]
    BadToken { url: String },
    #[error("{0}")]
    Config(String),
    #[error("{what} from {url} could not be read: {reason}")]
    Answer {
        what: String,
        url: String,
        reason: String,
    },
    #[error("GitHub's rate limit for this token is spent ({url}); try again later")]
    RateLimited {
        url: String,
        /// Seconds GitHub asked to wait (`retry-after`).
        retry_after: Option<u64>,
    },
    #[error(transparent)]
    Device(#[from] device::DeviceError),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Where GitHub is: its web address (sign-in pages, `github.com`) and its REST API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub web: url::Url,
    pub api: url::Url,
}

/// Whether `u` names this machine.
pub(crate) fn is_loopback(u: &url::Url) -> bool {
    match u.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    }
}

/// `http` is allowed only for a loopback host: a token never crosses a network in clear.
fn checked(name: &str, text: &str) -> Result<url::Url> {
    let mut u = url::Url::parse(text.trim())
        .map_err(|e| Error::Config(format!("{name} = {text:?} is not an address: {e}")))?;
    let loopback = is_loopback(&u);
    match u.scheme() {
        "https" => {}
        "http" if loopback => {}
        other => {
            return Err(Error::Config(format!(
                "{name} = {text:?}: tokens go only over https (or http to this machine), not {other}"
            )));
        }
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(Error::Config(format!(
            "{name}: an address with a user name or password in it is refused"
        )));
    }
    if !u.path().ends_with('/') {
        let p = format!("{}/", u.path());
        u.set_path(&p);
    }
    Ok(u)
}

impl Endpoints {
    /// github.com, or what `INKSTONE_GITHUB_URL` and `INKSTONE_GITHUB_API_URL` say. With only
    /// the web address set (GitHub Enterprise Server), the API is its `/api/v3/`.
    pub fn from_env() -> Result<Endpoints> {
        let web = std::env::var("INKSTONE_GITHUB_URL")
            .ok()
            .filter(|s| !s.trim().is_empty());
        let api = std::env::var("INKSTONE_GITHUB_API_URL")
            .ok()
            .filter(|s| !s.trim().is_empty());
        Self::new(web.as_deref(), api.as_deref())
    }

    pub fn new(web: Option<&str>, api: Option<&str>) -> Result<Endpoints> {
        let web_url = checked("INKSTONE_GITHUB_URL", web.unwrap_or("https://github.com"))?;
        let web_host = web_url.host_str().unwrap_or_default().to_string();
        let api_url = match api {
            Some(a) => checked("INKSTONE_GITHUB_API_URL", a)?,
            None if web_host == "github.com" => {
                checked("INKSTONE_GITHUB_API_URL", "https://api.github.com")?
            }
            // GitHub Enterprise Server serves its API under the web address.
            None => web_url
                .join("api/v3/")
                .map_err(|e| Error::Config(e.to_string()))?,
        };
        // The token is kept under the web host: it goes to that host's API and no other.
        let api_host = api_url.host_str().unwrap_or_default();
        if api_host != web_host && api_host != format!("api.{web_host}") {
            return Err(Error::Config(format!(
                "INKSTONE_GITHUB_API_URL ({api_url}) is not on {web_host}: the token for {web_host} is not sent elsewhere"
            )));
        }
        Ok(Endpoints {
            web: web_url,
            api: api_url,
        })
    }

    /// The host the token is kept under in the keychain (`github.com`, `ghe.example.org`,
    /// `127.0.0.1:8080`): the host of git's HTTPS remotes on that server.
    pub fn host(&self) -> String {
        match (self.web.host_str(), self.web.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            _ => String::new(),
        }
    }

    /// The page where a user makes a classic token with Inkstone's scopes filled in.
    pub fn new_token_page(&self) -> String {
        let mut u = self.web.clone();
        u.set_path(&format!("{}settings/tokens/new", self.web.path()));
        u.query_pairs_mut()
            .append_pair("scopes", &SCOPES.join(","))
            .append_pair("description", "Inkstone");
        u.to_string()
    }
}

/// Calls to GitHub with a time limit on each (a hung server never hangs Inkstone).
#[derive(Debug, Clone)]
pub struct Api {
    pub endpoints: Endpoints,
    agent: ureq::Agent,
}

/// The signed-in user, as `GET /user` gives it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct User {
    pub login: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub html_url: Option<String>,
}

/// What a token is: whose, and what it may do.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TokenInfo {
    pub user: User,
    /// The classic scopes (`X-OAuth-Scopes`); `None` for a fine-grained token, which has
    /// permissions per repository instead.
    pub scopes: Option<Vec<String>>,
    /// The needed scopes it lacks (empty for a fine-grained token: they cannot be read).
    pub missing: Vec<String>,
}

impl Api {
    pub fn new(endpoints: Endpoints) -> Api {
        let loopback = is_loopback(&endpoints.web) && is_loopback(&endpoints.api);
        let mut config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .timeout_connect(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .https_only(!loopback)
            .user_agent("inkstone");
        // A proxy from the environment never sees a clear-text request to this machine.
        if loopback {
            config = config.proxy(None);
        }
        let config = config.build();
        Api {
            endpoints,
            agent: config.into(),
        }
    }

    fn api_url(&self, path: &str) -> Result<url::Url> {
        self.endpoints
            .api
            .join(path.trim_start_matches('/'))
            .map_err(|e| Error::Config(e.to_string()))
    }

    /// `GET url` with `token`, answered 200. 401 is [`Error::BadToken`], any other status an
    /// [`Error::Http`] with GitHub's message.
    pub(crate) fn get(&self, url: &str, token: &str) -> Result<Answer> {
        self.get_if_changed(url, token, None)
    }

    /// `GET url` with `token`, sending `If-None-Match: etag` when given: answered 200, or 304
    /// when unchanged (which does not count against GitHub's rate limit). A rate limit
    /// (403 or 429 with `x-ratelimit-remaining: 0` or `retry-after`) is [`Error::RateLimited`].
    pub(crate) fn get_if_changed(
        &self,
        url: &str,
        token: &str,
        etag: Option<&str>,
    ) -> Result<Answer> {
        let mut request = self
            .agent
            .get(url)
            .header("Authorization", &format!("Bearer {token}"))
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28");
        if let Some(tag) = etag {
            request = request.header("If-None-Match", tag);
        }
        let answer = Answer::read(url, request.call())?;
        match answer.status {
            200 => Ok(answer),
            304 if etag.is_some() => Ok(answer),
            401 => Err(Error::BadToken {
                url: url.to_string(),
            }),
            403 | 429 if answer.retry_after.is_some() || answer.limit_spent => {
                // `retry-after` (secondary limits), else the primary limit's reset time.
                let until_reset = answer.limit_reset.map(|reset| {
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs());
                    reset.saturating_sub(now).max(1)
                });
                Err(Error::RateLimited {
                    url: url.to_string(),
                    retry_after: answer.retry_after.or(until_reset),
                })
            }
            status => Err(Error::Http {
                url: url.to_string(),
                status,
                message: message_of(&answer.body),
            }),
        }
    }

    /// `POST url` of a form, asking for JSON (the sign-in endpoints), whatever its status.
    pub(crate) fn post_form(&self, url: &str, form: &[(&str, &str)]) -> Result<Answer> {
        let sent = self
            .agent
            .post(url)
            .header("Accept", "application/json")
            .send_form(form.iter().copied());
        Answer::read(url, sent)
    }

    /// `GET /user` with `token`: the user, and the token's scopes with the needed ones it
    /// lacks named.
    pub fn user(&self, token: &str) -> Result<TokenInfo> {
        let shown = self.api_url("user")?.to_string();
        let answer = self.get(&shown, token)?;
        let scopes = answer.scopes.map(|v| {
            v.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        });
        let body = answer.body;
        let user: User = serde_json::from_str(&body).map_err(|e| Error::Answer {
            what: "the user".into(),
            url: shown,
            reason: e.to_string(),
        })?;
        let missing = match &scopes {
            Some(have) => SCOPES
                .iter()
                .filter(|need| !covers(have, need))
                .map(|s| (*s).to_string())
                .collect(),
            None => Vec::new(),
        };
        Ok(TokenInfo {
            user,
            scopes,
            missing,
        })
    }
}

/// A response read whole: its status, the headers Inkstone reads, its body.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    /// `Link` (pagination).
    pub(crate) link: Option<String>,
    /// `X-OAuth-Scopes` (a classic token's scopes).
    pub(crate) scopes: Option<String>,
    /// `ETag`, for the next conditional request.
    pub(crate) etag: Option<String>,
    /// `X-Poll-Interval` in seconds: how often the server asks to be polled.
    pub(crate) poll_interval: Option<u64>,
    /// `retry-after` in seconds.
    pub(crate) retry_after: Option<u64>,
    /// `x-ratelimit-remaining: 0`.
    pub(crate) limit_spent: bool,
    /// `x-ratelimit-reset`: when the limit is renewed (UTC epoch seconds).
    pub(crate) limit_reset: Option<u64>,
    pub(crate) body: String,
}

impl Answer {
    /// Reads what a request to `url` brought; not reaching it, or a body cut off, is
    /// [`Error::Network`].
    fn read(
        url: &str,
        sent: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Answer> {
        let network = |e: ureq::Error| Error::Network {
            url: url.to_string(),
            reason: e.to_string(),
        };
        let mut response = sent.map_err(network)?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let (link, scopes, etag) = (header("link"), header("x-oauth-scopes"), header("etag"));
        let seconds = |name: &str| header(name).and_then(|v| v.trim().parse::<u64>().ok());
        // Waits the server asks for, kept between 1 s and an hour: never a busy loop, never
        // a wait (or a sum) that overflows.
        let wait = |name: &str| seconds(name).map(|s| s.clamp(1, 3600));
        let (poll_interval, retry_after) = (wait("x-poll-interval"), wait("retry-after"));
        let limit_spent = seconds("x-ratelimit-remaining") == Some(0);
        let limit_reset = seconds("x-ratelimit-reset");
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().map_err(network)?;
        Ok(Answer {
            status,
            link,
            scopes,
            etag,
            poll_interval,
            retry_after,
            limit_spent,
            limit_reset,
            body,
        })
    }
}

/// Whether the scopes a token has include `need` (`repo` also grants `public_repo`).
fn covers(have: &[String], need: &str) -> bool {
    have.iter().any(|h| h == need)
}

/// GitHub's `{"message": …}` from an error body, or the body's start.
pub(crate) fn message_of(body: &str) -> String {
    let text = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            v.get("message")
                .and_then(|m| m.as_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| body.chars().take(200).collect());
    clean(&text)
}

/// Text from a server, safe to print: control characters (escape sequences that could
/// rewrite the terminal, line breaks) become spaces, and it is at most 300 characters.
pub fn clean(text: &str) -> String {
    text.chars()
        .take(300)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_default_to_github_and_refuse_clear_text_off_this_machine() {
        let e = Endpoints::new(None, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.web.as_str(), "https://github.com/");
        assert_eq!(e.api.as_str(), "https://api.github.com/");
        assert_eq!(e.host(), "github.com");
        let ghes =
            Endpoints::new(Some("https://ghe.example.org"), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ghes.api.as_str(), "https://ghe.example.org/api/v3/");
        assert!(Endpoints::new(Some("http://ghe.example.org"), None).is_err());
        assert!(
            Endpoints::new(Some("http://127.0.0.1:9/"), Some("http://127.0.0.1:9/api/")).is_ok()
        );
        assert!(Endpoints::new(Some("https://u:p@ghe.example.org"), None).is_err());
        // The token for a host goes to that host's API only.
        assert!(Endpoints::new(Some("https://github.com"), Some("https://evil.example")).is_err());
        let gh =
            Endpoints::new(Some("https://github.com/"), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(gh.api.as_str(), "https://api.github.com/");
        // What a server says is printed without its escape sequences.
        assert_eq!(
            clean("build\u{1b}[1A\u{1b}[2K\u{1b}[32mLive\n"),
            "build [1A [2K [32mLive "
        );
        let page = e.new_token_page();
        assert_eq!(
            page,
            "https://github.com/settings/tokens/new?scopes=repo%2Cworkflow&description=Inkstone"
        );
    }
}
