//! How GitHub Pages builds this site (an Actions workflow, a `gh-pages` branch, or the branch
//! itself) and the address it is served at.

use std::path::Path;

use git2::Repository;
use serde::Serialize;

use crate::endpoint::{Endpoint, Scheme};

/// How the site gets from the repository to GitHub Pages.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Deploy {
    /// A workflow in `.github/workflows` builds and deploys the site on every push.
    Actions {
        workflow: String,
        /// `hugo`, `jekyll` or `hexo`, when the workflow names one.
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(skip_serializing_if = "Option::is_none")]
        generator: Option<String>,
        /// The build passes `--buildDrafts` / `-D`.
        build_drafts: bool,
        /// The build passes `--buildFuture` / `-F`.
        build_future: bool,
    },
    /// The built site is pushed to a `gh-pages` branch (by a tool or by hand).
    GhPagesBranch,
    /// GitHub builds the branch itself (Jekyll only) — or nothing deploys it.
    Branch { branch: String },
}

impl Deploy {
    /// The workflow file that deploys the site, when one does.
    pub fn workflow(&self) -> Option<&str> {
        match self {
            Deploy::Actions { workflow, .. } => Some(workflow),
            _ => None,
        }
    }
}

/// Looks at `.github/workflows` under the repository root, then at the branches.
pub fn detect(repo: &Repository, workdir: &Path, branch: &str) -> Deploy {
    let dir = workdir.join(".github").join("workflows");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let lower = text.to_lowercase();
        let deploys = lower.contains("deploy-pages")
            || lower.contains("actions-gh-pages")
            || lower.contains("github-pages")
            || lower.contains("upload-pages-artifact");
        if !deploys {
            continue;
        }
        let generator = ["hugo", "jekyll", "hexo"]
            .into_iter()
            .find(|g| lower.contains(g))
            .map(str::to_string);
        let has_flag = |long: &str, short: &str| {
            text.contains(long) || text.split_whitespace().any(|w| w == short)
        };
        return Deploy::Actions {
            workflow: format!(
                ".github/workflows/{}",
                file.file_name().unwrap_or_default().to_string_lossy()
            ),
            generator,
            build_drafts: has_flag("--buildDrafts", "-D"),
            build_future: has_flag("--buildFuture", "-F"),
        };
    }
    let has_gh_pages = repo
        .references_glob("refs/*/gh-pages")
        .map(|mut r| r.next().is_some())
        .unwrap_or(false)
        || repo
            .references_glob("refs/remotes/*/gh-pages")
            .map(|mut r| r.next().is_some())
            .unwrap_or(false);
    if has_gh_pages {
        Deploy::GhPagesBranch
    } else {
        Deploy::Branch {
            branch: branch.trim_start_matches("refs/heads/").to_string(),
        }
    }
}

/// The site's address: a `CNAME` file wins, then the GitHub remote's `*.github.io` address,
/// then the site's own `baseURL`.
pub fn site_url(
    workdir: &Path,
    blog_root: &Path,
    remote_url: &str,
    base_url: Option<&str>,
) -> Option<String> {
    for dir in [
        blog_root.join("static"),
        blog_root.join("source"),
        blog_root.to_path_buf(),
        workdir.to_path_buf(),
    ] {
        if let Ok(text) = std::fs::read_to_string(dir.join("CNAME"))
            && let Some(domain) = text.lines().map(str::trim).find(|l| !l.is_empty())
        {
            return Some(format!("https://{}/", domain.trim_end_matches('/')));
        }
    }
    let endpoint = Endpoint::parse(remote_url);
    if endpoint.host.eq_ignore_ascii_case("github.com") && endpoint.scheme != Scheme::File {
        let mut parts = endpoint.path.splitn(2, '/');
        if let (Some(owner), Some(repo)) = (parts.next(), parts.next()) {
            let owner = owner.to_lowercase();
            let user_site = format!("{owner}.github.io");
            return Some(if repo.eq_ignore_ascii_case(&user_site) {
                format!("https://{user_site}/")
            } else {
                format!("https://{user_site}/{repo}/")
            });
        }
    }
    base_url
        .filter(|u| u.starts_with("http"))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_addresses_follow_github_pages_rules() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let url = |remote: &str| site_url(root, root, remote, Some("https://example.org/"));
        assert_eq!(
            url("git@github.com:Alice/alice.github.io.git").as_deref(),
            Some("https://alice.github.io/")
        );
        assert_eq!(
            url("https://github.com/alice/notes.git").as_deref(),
            Some("https://alice.github.io/notes/")
        );
        assert_eq!(
            url("http://127.0.0.1:8080/git/blog.git").as_deref(),
            Some("https://example.org/")
        );
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/CNAME"), "blog.example.com\n").unwrap();
        assert_eq!(
            url("https://github.com/alice/notes.git").as_deref(),
            Some("https://blog.example.com/")
        );
    }

    #[test]
    fn workflows_are_recognised_with_their_build_flags() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        assert_eq!(
            detect(&repo, dir.path(), "refs/heads/main"),
            Deploy::Branch {
                branch: "main".into()
            }
        );
        let wf = dir.path().join(".github/workflows");
        std::fs::create_dir_all(&wf).unwrap();
        std::fs::write(
            wf.join("hugo.yml"),
            "jobs:\n  build:\n    steps:\n      - run: hugo --minify --buildFuture\n      - uses: actions/deploy-pages@v4\n",
        )
        .unwrap();
        assert_eq!(
            detect(&repo, dir.path(), "refs/heads/main"),
            Deploy::Actions {
                workflow: ".github/workflows/hugo.yml".into(),
                generator: Some("hugo".into()),
                build_drafts: false,
                build_future: true
            }
        );
    }
}
