//! The signed-in user's repositories (`GET /user/repos`, every page), those with a Pages site
//! first, then the most recently pushed. A `next` page on another host is never followed: the
//! token goes to GitHub's API alone.

use serde::{Deserialize, Serialize};

use crate::{Api, Error, Result};

/// One repository, as `GET /user/repos` gives it (the fields Inkstone uses).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Repo {
    pub full_name: String,
    pub clone_url: String,
    pub html_url: String,
    #[serde(default)]
    pub default_branch: Option<String>,
    #[serde(default)]
    pub private: bool,
    #[serde(default)]
    pub has_pages: bool,
    /// ISO 8601 (`2011-01-26T19:06:43Z`); `null` for a repository never pushed to.
    #[serde(default)]
    pub pushed_at: Option<String>,
}

/// Pages fetched at most (100 repositories each).
const MAX_PAGES: usize = 50;

/// The `rel="next"` address of a `Link` header: each `<address>` with the parameters that
/// follow it up to the next `<` (an address may hold commas).
fn next_link(link: &str) -> Option<String> {
    let mut rest = link;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>')?;
        let url = &after[..close];
        let params_end = after[close..].find('<').map_or(after.len(), |i| close + i);
        let params = &after[close + 1..params_end];
        if params
            .split(';')
            .any(|p| p.trim().trim_end_matches(',').trim() == "rel=\"next\"")
        {
            return Some(url.to_string());
        }
        rest = &after[params_end..];
    }
    None
}

impl Api {
    /// What to clone for `name`: the repository, its `clone_url` checked to be on GitHub's
    /// own host with no user name in it (the stored token goes nowhere else), and an empty
    /// `default_branch` taken as none (the remote's HEAD then says).
    pub fn clone_source(&self, token: &str, name: &crate::RepoName) -> Result<Repo> {
        let mut repo = self.repo(token, name)?;
        repo.default_branch = repo.default_branch.filter(|b| !b.trim().is_empty());
        if crate::RepoName::from_remote(&repo.clone_url, &self.endpoints).is_none() {
            let shown = url::Url::parse(&repo.clone_url).map_or_else(
                |_| crate::clean(&repo.clone_url),
                |mut u| {
                    let _ = u.set_password(None);
                    let _ = u.set_username("");
                    u.to_string()
                },
            );
            return Err(Error::Config(format!(
                "GitHub gave a clone address that is not on its host or names a user ({shown}): not cloned"
            )));
        }
        Ok(repo)
    }

    /// One repository, `GET /repos/{owner}/{repo}`.
    pub fn repo(&self, token: &str, name: &crate::RepoName) -> Result<Repo> {
        let url = self
            .endpoints
            .api
            .join(&format!("repos/{name}"))
            .map_err(|e| Error::Config(e.to_string()))?
            .to_string();
        let answer = match self.get(&url, token) {
            Err(Error::Http { status: 404, .. }) => {
                return Err(Error::Config(format!(
                    "{name} was not found on {}, or this token may not read it",
                    self.endpoints.host()
                )));
            }
            other => other?,
        };
        serde_json::from_str(&answer.body).map_err(|e| Error::Answer {
            what: "the repository".into(),
            url,
            reason: e.to_string(),
        })
    }

    /// Every repository the token's user owns, collaborates on or reaches through an
    /// organisation: those with a Pages site first, then by last push, newest first.
    pub fn repos(&self, token: &str) -> Result<Vec<Repo>> {
        let first = self
            .endpoints
            .api
            // GitHub's default affiliation: owner, collaborator and organization member.
            .join("user/repos?per_page=100&sort=pushed")
            .map_err(|e| Error::Config(e.to_string()))?;
        let api_origin = first.origin();
        let mut next = Some(first.to_string());
        let mut out: Vec<Repo> = Vec::new();
        let mut asked = std::collections::HashSet::new();
        for _ in 0..MAX_PAGES {
            let Some(url) = next.take() else { break };
            // A `next` that points back never repeats the list.
            if !asked.insert(url.clone()) {
                break;
            }
            // Only GitHub's API gets the token.
            if url::Url::parse(&url).map(|u| u.origin()).ok() != Some(api_origin.clone()) {
                break;
            }
            let answer = self.get(&url, token)?;
            let page: Vec<Repo> =
                serde_json::from_str(&answer.body).map_err(|e| Error::Answer {
                    what: "the repository list".into(),
                    url: url.clone(),
                    reason: e.to_string(),
                })?;
            out.extend(page.into_iter().map(|mut r| {
                r.full_name = crate::clean(&r.full_name);
                r.pushed_at = r.pushed_at.map(|p| crate::clean(&p));
                r
            }));
            next = answer.link.as_deref().and_then(next_link);
        }
        out.sort_by(|a, b| {
            b.has_pages
                .cmp(&a.has_pages)
                .then_with(|| b.pushed_at.cmp(&a.pushed_at))
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_is_read_from_the_link_header() {
        let link = r#"<https://api.github.com/user/repos?page=1>; rel="prev", <https://api.github.com/user/repos?page=3>; rel="next", <https://api.github.com/user/repos?page=5>; rel="last""#;
        assert_eq!(
            next_link(link).as_deref(),
            Some("https://api.github.com/user/repos?page=3")
        );
        assert_eq!(next_link(r#"<https://x/?page=1>; rel="prev""#), None);
        let commas =
            r#"<https://x/r?a=b,c&page=2>; rel="next", <https://x/r?a=b,c&page=3>; rel="last""#;
        assert_eq!(
            next_link(commas).as_deref(),
            Some("https://x/r?a=b,c&page=2")
        );
    }
}
