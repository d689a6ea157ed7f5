//! A repository on GitHub as `owner/name`: parsed and checked (it goes into API paths and
//! names the folder a clone lands in), or read from a git remote on GitHub's host.

use serde::{Deserialize, Serialize};

use crate::Endpoints;

/// A repository on GitHub, `owner/name`, checked to be only that: it goes into API paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepoName {
    pub owner: String,
    pub name: String,
}

impl RepoName {
    /// `owner/name` (a trailing `.git` is dropped). GitHub's owners are ASCII letters, digits
    /// and `-`; names add `.` and `_`; `.` and `..` are not names.
    pub fn parse(text: &str) -> Option<RepoName> {
        let text = text.trim().trim_end_matches('/');
        let (owner, name) = text.split_once('/')?;
        let name = name.strip_suffix(".git").unwrap_or(name);
        // `.git` would be cloned into a folder git reads as a repository's own settings.
        if name.eq_ignore_ascii_case(".git") {
            return None;
        }
        let owner_ok = !owner.is_empty()
            && owner.len() <= 39
            // `_` appears in Enterprise Managed Users' logins (`octo_acme`).
            && owner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let name_ok = !name.is_empty()
            && name.len() <= 100
            && name != "."
            && name != ".."
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        (owner_ok && name_ok).then(|| RepoName {
            owner: owner.to_string(),
            name: name.to_string(),
        })
    }

    /// The repository a git remote URL names, when it is on this GitHub's host:
    /// `https://github.com/o/r.git`, `git@github.com:o/r.git`, `ssh://git@github.com/o/r`.
    pub fn from_remote(remote: &str, endpoints: &Endpoints) -> Option<RepoName> {
        let web_host = endpoints.web.host_str()?;
        if let Ok(u) = url::Url::parse(remote)
            && u.has_host()
        {
            // A user name or password in a web address would go with every request.
            if matches!(u.scheme(), "https" | "http")
                && (!u.username().is_empty() || u.password().is_some())
            {
                return None;
            }
            let same = match u.scheme() {
                "https" | "http" => {
                    u.host_str() == Some(web_host) && u.port() == endpoints.web.port()
                }
                "ssh" | "git+ssh" | "ssh+git" => u.host_str() == Some(web_host),
                _ => false,
            };
            return same
                .then(|| RepoName::parse(u.path().trim_start_matches('/')))
                .flatten();
        }
        // scp-like: [user@]host:owner/name.git
        let (left, path) = remote.split_once(':')?;
        let host = left.rsplit('@').next()?;
        (host == web_host && !path.starts_with("//"))
            .then(|| RepoName::parse(path))
            .flatten()
    }

    /// A blog's repository: its `origin` remote's when that is on GitHub's host, else the
    /// `inkstone.githubRepository` value (`configured`); the error says how to name it.
    pub fn for_blog(
        remote: &str,
        configured: Option<&str>,
        endpoints: &Endpoints,
    ) -> std::result::Result<RepoName, String> {
        if let Some(r) = RepoName::from_remote(remote, endpoints) {
            return Ok(r);
        }
        match configured {
            Some(text) => RepoName::parse(text)
                .ok_or_else(|| format!("inkstone.githubRepository = {text:?} is not OWNER/NAME")),
            None => Err(format!(
                "the blog's remote is not on {}: name its GitHub repository with `git config inkstone.githubRepository OWNER/NAME`",
                endpoints.host()
            )),
        }
    }

    pub fn full_name(&self) -> String {
        format!("{}/{}", self.owner, self.name)
    }
}

impl std::fmt::Display for RepoName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_names_are_only_owner_and_name() {
        let r = RepoName::parse("octocat/octocat.github.io").unwrap_or_else(|| panic!());
        assert_eq!(r.full_name(), "octocat/octocat.github.io");
        assert_eq!(RepoName::parse("a/b.git").map(|r| r.name), Some("b".into()));
        // Cloned into `./.git`, a hostile repository's config would run commands.
        assert_eq!(RepoName::parse("o/.git"), None);
        assert_eq!(RepoName::parse("o/.GIT.git"), None);
        assert_eq!(
            RepoName::parse("octo_acme/.github").map(|r| r.full_name()),
            Some("octo_acme/.github".into())
        );
        for bad in [
            "", "a", "a/", "/b", "a/..", "../b", "a/b/c", "a/b?x=1", "a b/c", "a/%2e%2e",
        ] {
            assert_eq!(RepoName::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_remote_names_the_repository_only_on_githubs_host() {
        let gh = Endpoints::new(None, None).unwrap_or_else(|e| panic!("{e}"));
        let name = |remote: &str| RepoName::from_remote(remote, &gh).map(|r| r.full_name());
        assert_eq!(name("https://github.com/o/r.git").as_deref(), Some("o/r"));
        assert_eq!(name("git@github.com:o/r.git").as_deref(), Some("o/r"));
        assert_eq!(name("ssh://git@github.com/o/r").as_deref(), Some("o/r"));
        assert_eq!(name("https://gitlab.com/o/r.git"), None);
        assert_eq!(name("https://github.com.evil.example/o/r.git"), None);
        assert_eq!(name("/srv/git/blog.git"), None);
        assert_eq!(name("https://evil:s3cret@github.com/o/r.git"), None);
    }
}
