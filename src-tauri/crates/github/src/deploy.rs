//! After a push: did GitHub Pages build and deploy it? `GET /repos/{owner}/{repo}/pages` says
//! how the site deploys and where it lives. A site built by a workflow (`build_type:
//! workflow`) is followed through the Actions run for the pushed commit until it completes,
//! and a failure names the failing job and step. A branch-built (`legacy`) site is followed
//! through `/pages/builds/latest` until the build of that commit is `built` or `errored`; when
//! the Pages branch is another one (a workflow pushes the built site to `gh-pages`), the run
//! for the commit comes first, then the Pages build made after it.
//!
//! Polling is polite: one request at a time, conditional (`If-None-Match`, so an unchanged
//! answer costs no rate limit), at the server's `X-Poll-Interval` or every 5 s, backing off
//! to 30 s while nothing changes, honouring `retry-after`, and stopping at a time limit with
//! "still building" — never an error. Not reaching GitHub is [`State::Unknown`], not a failure:
//! the push itself has succeeded.

use std::collections::HashMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::{Api, Error, RepoName, Result};

mod look;

use look::look;

/// A repository's GitHub Pages site, as `GET /repos/{owner}/{repo}/pages` gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pages {
    /// Where the site is served, e.g. `https://octocat.github.io/blog/`.
    #[serde(default)]
    pub html_url: Option<String>,
    /// `workflow` (an Actions workflow deploys it) or `legacy` (GitHub builds a branch).
    #[serde(default)]
    pub build_type: Option<String>,
    /// `built`, `building`, `errored` or `null`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub source: Option<PagesSource>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PagesSource {
    pub branch: String,
    #[serde(default)]
    pub path: Option<String>,
}

impl Pages {
    /// GitHub builds a branch itself (`legacy`, or a site from before `build_type` existed).
    pub fn branch_built(&self) -> bool {
        self.build_type.as_deref() != Some("workflow")
    }
}

/// Where a deployment stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "DeployState"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Building,
    Live,
    Failed,
    /// It could not be checked (no network, no Pages site, the token refused).
    Unknown,
}

/// What Inkstone says about a pushed commit's deployment.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deployment {
    pub state: State,
    /// The published post's address on the live site (else the site's).
    pub url: Option<String>,
    /// The Actions run's page.
    pub run_url: Option<String>,
    /// `job › step` that failed.
    pub failed_step: Option<String>,
    /// The failing job's page, where its log is.
    pub log_url: Option<String>,
    /// Why, in words: the build's error, "still building…", why it could not be checked.
    pub message: Option<String>,
    /// `workflow` or `legacy`, when known.
    pub build_type: Option<String>,
    /// The commit followed (full id).
    pub commit: String,
}

/// What to follow, and for how long.
#[derive(Debug, Clone)]
pub struct Watch<'a> {
    pub repo: &'a RepoName,
    /// The pushed commit, full id.
    pub commit: &'a str,
    /// The branch it was pushed to.
    pub branch: &'a str,
    /// The post's address on the site (`/blog/posts/x/`), shown under the Pages address.
    pub page: Option<&'a str>,
    /// `hugo`, `jekyll` or `hexo`: a branch built by GitHub with Jekyll is not a Hugo site.
    pub generator: Option<&'a str>,
    /// The repository's workflow that deploys the site (`.github/workflows/hugo.yml`), when
    /// there is one: only its runs decide.
    pub workflow: Option<&'a str>,
    /// Poll until it is decided (else: one look).
    pub wait: bool,
    /// Stop waiting after this long (GitHub's builds take about a minute; 10 min default).
    pub limit: Duration,
    /// The first interval between looks, when the server gives no `X-Poll-Interval`.
    pub interval: Duration,
}

impl Watch<'_> {
    pub const LIMIT: Duration = Duration::from_secs(600);
    pub const INTERVAL: Duration = Duration::from_secs(5);
    pub const MAX_INTERVAL: Duration = Duration::from_secs(30);
    /// How long a workflow-deployed site may show no run for the commit before Inkstone says
    /// none will come (GitHub starts one within seconds).
    pub const NO_RUN: Duration = Duration::from_secs(120);
}

/// An address from GitHub's answers that may be shown as a link: https, or http on this
/// machine (a test's stand-in); anything else (`javascript:`, a control character) is dropped.
fn web_link(text: Option<String>) -> Option<String> {
    let u = url::Url::parse(text?.trim()).ok()?;
    let ok = match u.scheme() {
        "https" => true,
        "http" => crate::is_loopback(&u),
        _ => false,
    };
    ok.then(|| u.to_string())
}

/// A conclusion that means the run did not do its work.
fn bad(conclusion: Option<&str>) -> bool {
    !matches!(conclusion, Some("success" | "skipped" | "neutral") | None)
}

/// The post's address `page` (a path, or a full URL on the site's own host) under the Pages
/// address `site`: its path goes under the site's origin when it already carries the site's
/// sub-path, else under the site's address.
pub fn page_url(site: &str, page: Option<&str>) -> String {
    let Ok(base) = url::Url::parse(site) else {
        return site.to_string();
    };
    let Some(page) = page.filter(|p| !p.is_empty()) else {
        return base.to_string();
    };
    let path = match url::Url::parse(page) {
        Ok(u) => u.path().to_string(),
        Err(_) => page.to_string(),
    };
    if !path.starts_with('/') {
        return base.join(&path).map_or(base.to_string(), |u| u.to_string());
    }
    let joined = if path.starts_with(base.path()) {
        base.join(&path)
    } else {
        base.join(path.trim_start_matches('/'))
    };
    joined.map_or(base.to_string(), |u| u.to_string())
}

/// Conditional GETs: the ETag and body of every address asked before.
struct Poller<'a> {
    api: &'a Api,
    token: &'a str,
    seen: HashMap<String, (String, String)>,
    /// Something new came back since the last look.
    changed: bool,
    server_interval: Option<u64>,
}

impl Poller<'_> {
    /// The body at `path` (under the API), from cache when GitHub says it is unchanged.
    fn get(&mut self, path: &str) -> Result<String> {
        let url = self.api.api_url(path)?.to_string();
        let etag = self.seen.get(&url).map(|(e, _)| e.clone());
        let answer = self.api.get_if_changed(&url, self.token, etag.as_deref())?;
        if answer.poll_interval.is_some() {
            self.server_interval = answer.poll_interval;
        }
        if answer.status == 304
            && let Some((_, body)) = self.seen.get(&url)
        {
            return Ok(body.clone());
        }
        self.changed = true;
        if let Some(tag) = answer.etag {
            self.seen.insert(url, (tag, answer.body.clone()));
        }
        Ok(answer.body)
    }

    fn json<T: for<'de> Deserialize<'de>>(&mut self, path: &str, what: &str) -> Result<T> {
        let body = self.get(path)?;
        serde_json::from_str(&body).map_err(|e| Error::Answer {
            what: what.to_string(),
            url: path.to_string(),
            reason: e.to_string(),
        })
    }
}

impl Api {
    /// `GET /repos/{owner}/{repo}/pages`: `None` when the repository has no Pages site.
    pub fn pages(&self, token: &str, repo: &RepoName) -> Result<Option<Pages>> {
        let url = self.api_url(&format!("repos/{repo}/pages"))?.to_string();
        match self.get(&url, token) {
            Ok(answer) if !answer.body.trim_start().starts_with('{') => Err(Error::Answer {
                what: "the Pages site".into(),
                url,
                reason: "not a JSON object".into(),
            }),
            Ok(answer) => serde_json::from_str(&answer.body)
                .map(Some)
                .map_err(|e| Error::Answer {
                    what: "the Pages site".into(),
                    url,
                    reason: e.to_string(),
                }),
            Err(Error::Http { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Follows the deployment of `watch.commit` until it is live, failed, or the time limit
    /// (with `watch.wait`; else one look). `on_change` hears every new state; `sleep` waits
    /// between looks (the time limit counts the time slept). Never fails: what cannot be
    /// known is [`State::Unknown`] with the reason. Also returns the Pages site as GitHub
    /// described it, when it did.
    pub fn follow(
        &self,
        token: &str,
        watch: &Watch<'_>,
        on_change: &mut dyn FnMut(&Deployment),
        sleep: &dyn Fn(Duration),
    ) -> (Deployment, Option<Pages>) {
        let mut pages = None;
        let d = self.follow_inner(token, watch, on_change, sleep, &mut pages);
        (d, pages)
    }

    fn follow_inner(
        &self,
        token: &str,
        watch: &Watch<'_>,
        on_change: &mut dyn FnMut(&Deployment),
        sleep: &dyn Fn(Duration),
        described: &mut Option<Pages>,
    ) -> Deployment {
        let unknown = |message: String, build_type: Option<String>| Deployment {
            state: State::Unknown,
            url: None,
            run_url: None,
            failed_step: None,
            log_url: None,
            message: Some(message),
            build_type,
            commit: watch.commit.to_string(),
        };
        if watch.commit.len() != 40 || !watch.commit.bytes().all(|b| b.is_ascii_hexdigit()) {
            return unknown(format!("{:?} is not a commit id", watch.commit), None);
        }
        let pages = match self.pages(token, watch.repo) {
            Ok(Some(p)) => p,
            Ok(None) => {
                return unknown(
                    format!(
                        "{} has no GitHub Pages site (or this token cannot see it): turn it on in the repository's Settings → Pages",
                        watch.repo
                    ),
                    None,
                );
            }
            Err(e) => return unknown(format!("could not check the deployment: {e}"), None),
        };
        *described = Some(pages.clone());
        let mut poller = Poller {
            api: self,
            token,
            seen: HashMap::new(),
            changed: false,
            server_interval: None,
        };
        let started = std::time::Instant::now();
        let mut slept = Duration::ZERO;
        // The time limit counts the time slept and the time spent asking, whichever is more.
        let spent = |slept: Duration| slept.max(started.elapsed());
        let mut interval: Option<Duration> = None;
        let mut failures = 0;
        let mut last: Option<Deployment> = None;
        loop {
            poller.changed = false;
            let looked = look(&mut poller, &pages, watch, spent(slept));
            let mut now = match looked {
                Ok(d) => {
                    failures = 0;
                    d
                }
                Err(Error::RateLimited { retry_after, .. }) if watch.wait => {
                    let wait = Duration::from_secs(retry_after.unwrap_or(60));
                    if spent(slept).saturating_add(wait) > watch.limit {
                        return unknown(
                            "GitHub's rate limit for this token is spent: check again later".into(),
                            pages.build_type.clone(),
                        );
                    }
                    sleep(wait);
                    slept += wait;
                    continue;
                }
                Err(e @ (Error::Network { .. } | Error::Http { .. })) if watch.wait => {
                    failures += 1;
                    if failures >= 3 {
                        return unknown(
                            format!("could not check the deployment: {e}"),
                            pages.build_type.clone(),
                        );
                    }
                    let wait = interval
                        .unwrap_or(watch.interval)
                        .max(Duration::from_secs(1));
                    if spent(slept).saturating_add(wait) > watch.limit {
                        return unknown(
                            format!("could not check the deployment: {e}"),
                            pages.build_type.clone(),
                        );
                    }
                    sleep(wait);
                    slept += wait;
                    continue;
                }
                Err(e) => {
                    return unknown(
                        format!("could not check the deployment: {e}"),
                        pages.build_type.clone(),
                    );
                }
            };
            now.url = web_link(
                pages
                    .html_url
                    .as_deref()
                    .map(|site| page_url(site, watch.page)),
            );
            now.run_url = web_link(now.run_url.take());
            now.log_url = web_link(now.log_url.take());
            if last.as_ref() != Some(&now) {
                on_change(&now);
            }
            if !watch.wait || now.state != State::Building {
                return now;
            }
            // Back off while nothing changes; the server's interval is the floor.
            let floor = poller
                .server_interval
                .map_or(watch.interval, Duration::from_secs);
            let next = match interval {
                Some(i) if !poller.changed && last.as_ref() == Some(&now) => {
                    (i.mul_f32(1.5)).min(Watch::MAX_INTERVAL.max(floor))
                }
                _ => floor,
            };
            if spent(slept).saturating_add(next) > watch.limit {
                now.message = Some(format!(
                    "still building after {} — check again later",
                    minutes(spent(slept))
                ));
                return now;
            }
            last = Some(now);
            sleep(next);
            slept += next;
            interval = Some(next);
        }
    }
}

fn minutes(d: Duration) -> String {
    let s = d.as_secs();
    if s < 60 {
        format!("{s} s")
    } else {
        format!("{} min", s / 60)
    }
}

fn short(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_posts_address_goes_under_the_pages_site() {
        let site = "https://octocat.github.io/blog/";
        assert_eq!(page_url(site, None), site);
        assert_eq!(
            page_url(site, Some("/blog/posts/tcp/")),
            "https://octocat.github.io/blog/posts/tcp/"
        );
        // A baseURL without the sub-path: the post is still under the site.
        assert_eq!(
            page_url(site, Some("/posts/tcp/")),
            "https://octocat.github.io/blog/posts/tcp/"
        );
        assert_eq!(
            page_url(site, Some("https://example.org/blog/posts/%E4%BD%A0/")),
            "https://octocat.github.io/blog/posts/%E4%BD%A0/"
        );
        assert_eq!(
            page_url("https://octocat.github.io/", Some("/2024/01/02/x.html")),
            "https://octocat.github.io/2024/01/02/x.html"
        );
    }

    #[test]
    fn only_a_successful_skipped_or_neutral_conclusion_is_good() {
        for good in [None, Some("success"), Some("skipped"), Some("neutral")] {
            assert!(!bad(good));
        }
        for b in [
            "failure",
            "timed_out",
            "cancelled",
            "startup_failure",
            "action_required",
        ] {
            assert!(bad(Some(b)), "{b}");
        }
    }
}
