//! Publish as one transaction: look, fetch, commit, rebase onto the remote, push. Until the
//! push is ready, nothing in the repository moves; a failure leaves the user's work intact.

use std::path::{Path, PathBuf};

use git2::{Oid, Repository};
use inkstone_content::{Blog, Status};
use serde::Serialize;

use crate::auth::{Auth, Session, redact};
use crate::pages::{self, Deploy};
use crate::progress::{OnProgress, Progress};
use crate::status::{self, Change};
use crate::{Error, Result, commit, fetch, integrate, push};

/// What Publish would do, shown before it runs.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// The local branch, e.g. `main`.
    pub branch: String,
    pub remote: String,
    /// The remote's URL with any password removed.
    pub remote_url: String,
    pub remote_branch: String,
    /// Files that the publish commit will contain.
    pub changes: Vec<Change>,
    /// Commits already made here that the remote does not have (as of the last fetch).
    pub unpushed: usize,
    /// The suggested commit message.
    pub message: String,
    pub deploy: Deploy,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_url: Option<String>,
    /// Posts that will not show on the site, and why.
    pub warnings: Vec<String>,
}

/// How a publish ended.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// False when there was nothing to publish.
    pub published: bool,
    /// The commit now on the remote (short id).
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// The full commit id now on the remote, to follow its deployment.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// Its first line.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// How many of the remote's commits were brought in (and ours put on top).
    pub remote_commits: usize,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_url: Option<String>,
    pub remote_url: String,
    pub branch: String,
}

/// Repository facts publish needs, read without touching the network.
struct Target {
    repo: Repository,
    workdir: PathBuf,
    /// `refs/heads/<branch>`.
    branch_ref: String,
    remote: String,
    remote_branch: String,
    url: String,
    upstream_configured: bool,
}

fn open(blog_root: &Path) -> Result<Target> {
    let repo = Repository::discover(blog_root).map_err(|e| match e.code() {
        git2::ErrorCode::NotFound => Error::NotARepo(blog_root.to_path_buf()),
        _ => Error::Git(e),
    })?;
    let workdir = repo
        .workdir()
        .ok_or_else(|| Error::NotARepo(blog_root.to_path_buf()))?
        .to_path_buf();
    let lock = repo.path().join("index.lock");
    if lock.exists() {
        return Err(Error::Locked(lock));
    }
    if repo.state() != git2::RepositoryState::Clean {
        return Err(Error::Busy(format!("{:?}", repo.state()).to_lowercase()));
    }
    if repo.head_detached()? {
        let at = repo
            .head()?
            .target()
            .map(|o| o.to_string()[..7].to_string())
            .unwrap_or_default();
        return Err(Error::Detached(at));
    }
    let branch_ref = repo
        .find_reference("HEAD")?
        .symbolic_target()
        .ok()
        .flatten()
        .unwrap_or("refs/heads/main")
        .to_string();
    let branch_name = branch_ref.trim_start_matches("refs/heads/").to_string();
    let (remote, remote_branch, upstream_configured) = match (
        repo.branch_upstream_remote(&branch_ref),
        repo.branch_upstream_merge(&branch_ref),
    ) {
        (Ok(r), Ok(m)) => (
            r.as_str().unwrap_or("origin").to_string(),
            m.as_str()
                .unwrap_or(&branch_ref)
                .trim_start_matches("refs/heads/")
                .to_string(),
            true,
        ),
        _ => {
            let remotes = repo.remotes()?;
            let names: Vec<&str> = remotes.iter().filter_map(|r| r.ok().flatten()).collect();
            let remote = if names.contains(&"origin") {
                "origin"
            } else if names.len() == 1 {
                names[0]
            } else {
                return Err(Error::NoRemote);
            };
            (remote.to_string(), branch_name, false)
        }
    };
    let url = {
        let r = repo.find_remote(&remote).map_err(|_| Error::NoRemote)?;
        r.pushurl()
            .ok()
            .flatten()
            .or(r.url().ok())
            .ok_or(Error::NoRemote)?
            .to_string()
    };
    Ok(Target {
        repo,
        workdir,
        branch_ref,
        remote,
        remote_branch,
        url,
        upstream_configured,
    })
}

fn head_commit(repo: &Repository) -> Result<Option<Oid>> {
    match repo.head() {
        Ok(h) => Ok(h.target()),
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// What publishing `blog_root` would send, without using the network.
pub fn plan(blog_root: &Path) -> Result<Plan> {
    crate::init();
    let t = open(blog_root)?;
    let changes = status::changes(&t.repo)?;
    let blog = Blog::open(blog_root).ok().map(|blog| Posts {
        blog,
        posts: std::cell::OnceCell::new(),
    });
    let prefix = blog_prefix(&t.workdir, blog_root);
    let title = |path: &str| post(&blog, &prefix, path).map(|(_, title, _, _)| title);
    let message = if changes.is_empty() {
        String::new()
    } else {
        commit::message(&changes, &title)
    };
    let tracking = t
        .repo
        .refname_to_id(&format!("refs/remotes/{}/{}", t.remote, t.remote_branch))
        .ok();
    let unpushed = match head_commit(&t.repo)? {
        None => 0,
        Some(head) => {
            let mut walk = t.repo.revwalk()?;
            walk.push(head)?;
            if let Some(tracking) = tracking {
                walk.hide(tracking)?;
            }
            walk.count()
        }
    };
    let deploy = pages::detect(&t.repo, &t.workdir, &t.branch_ref);
    let site_url = pages::site_url(
        &t.workdir,
        blog_root,
        &t.url,
        blog.as_ref().and_then(|b| b.site().base_url.as_deref()),
    );
    let warnings = warnings(&blog, &prefix, &changes, &deploy);
    Ok(Plan {
        branch: t.branch_ref.trim_start_matches("refs/heads/").to_string(),
        remote: t.remote,
        remote_url: redact(&t.url),
        remote_branch: t.remote_branch,
        changes,
        unpushed,
        message,
        deploy,
        site_url,
        warnings,
    })
}

/// The blog root relative to the repository root, with a trailing `/` (empty at the root).
fn blog_prefix(workdir: &Path, blog_root: &Path) -> String {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    match canon(blog_root).strip_prefix(canon(workdir)) {
        Ok(rel) if !rel.as_os_str().is_empty() => {
            format!("{}/", rel.to_string_lossy().replace('\\', "/"))
        }
        _ => String::new(),
    }
}

/// The open blog and the blog-relative paths of its posts, listed (a walk of the content
/// folders) once, when first asked.
struct Posts {
    blog: Blog,
    posts: std::cell::OnceCell<std::collections::HashSet<String>>,
}

impl std::ops::Deref for Posts {
    type Target = Blog;
    fn deref(&self) -> &Blog {
        &self.blog
    }
}

/// The post at a repository path: (blog-relative path, title, status).
/// The post at `path`: (blog-relative path, title, status, the moment it goes live: its
/// `publishDate`, else its date, as written).
fn post(
    blog: &Option<Posts>,
    prefix: &str,
    path: &str,
) -> Option<(String, String, Status, Option<String>)> {
    let Posts { blog, posts } = blog.as_ref()?;
    let rel = path.strip_prefix(prefix)?;
    let posts = posts.get_or_init(|| blog.post_paths().into_iter().collect());
    if !posts.contains(rel) {
        return None;
    }
    let doc = blog.read_post(rel).ok()?;
    let live = doc.post.publish_date.clone().or(doc.post.date.clone());
    Some((
        rel.to_string(),
        doc.post.title.clone(),
        doc.post.status,
        live,
    ))
}

fn warnings(
    blog: &Option<Posts>,
    prefix: &str,
    changes: &[Change],
    deploy: &Deploy,
) -> Vec<String> {
    let (drafts_built, future_built) = match deploy {
        Deploy::Actions {
            build_drafts,
            build_future,
            ..
        } => (*build_drafts, *build_future),
        _ => (false, false),
    };
    let mut out = Vec::new();
    for change in changes
        .iter()
        .filter(|c| c.kind != status::ChangeKind::Deleted)
    {
        let Some((_, title, status, live)) = post(blog, prefix, &change.path) else {
            continue;
        };
        match status {
            Status::Draft if !drafts_built => {
                out.push(format!("\"{title}\" is a draft: it will not appear on the site"))
            }
            Status::Scheduled if !future_built => out.push(format!(
                "\"{title}\" is dated in the future ({}): the site shows it only after that date, once rebuilt",
                live.as_deref().unwrap_or("?")
            )),
            Status::Expired => out.push(format!("\"{title}\" has expired: the site leaves it out")),
            _ => {}
        }
    }
    if let (Some(blog), Deploy::Branch { .. }) = (blog, deploy)
        && blog.site().generator != inkstone_content::Generator::Jekyll
    {
        out.push(
            "no GitHub Actions workflow builds this site: GitHub Pages only builds Jekyll by itself"
                .to_string(),
        );
    }
    out
}

/// Options of one publish.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// The commit message; `None` uses the generated one.
    pub message: Option<String>,
}

/// Publishes everything changed under the repository of `blog_root` to its remote.
pub fn publish(
    blog_root: &Path,
    options: &Options,
    auth: &Auth,
    progress: OnProgress<'_>,
) -> Result<Outcome> {
    crate::init();
    let planned = plan(blog_root)?;
    let t = open(blog_root)?;
    let repo = &t.repo;
    let session = Session::new(auth, repo, &t.url);
    let upstream = fetch::fetch(repo, &t.remote, &t.remote_branch, &session, progress)?;
    let head = head_commit(repo)?;

    let mut local_tip = head;
    let mut summary = None;
    if !planned.changes.is_empty() {
        progress(Progress::Committing);
        let message = options
            .message
            .clone()
            .filter(|m| !m.trim().is_empty())
            .unwrap_or(planned.message.clone());
        let id = commit::create(repo, &planned.changes, message.trim())?;
        summary = message.lines().next().map(str::to_string);
        local_tip = Some(id);
    }
    let done = |published: bool,
                tip: Option<Oid>,
                remote_commits: usize,
                summary: Option<String>| Outcome {
        published,
        commit: tip.map(|o| o.to_string()[..7].to_string()),
        head: tip.map(|o| o.to_string()),
        summary,
        remote_commits,
        site_url: planned.site_url.clone(),
        remote_url: planned.remote_url.clone(),
        branch: planned.branch.clone(),
    };
    let Some(tip) = local_tip else {
        return Ok(done(false, None, 0, None));
    };

    // Integrate the remote's commits first; a conflict returns here with nothing changed.
    let mut final_tip = tip;
    let mut remote_commits = 0;
    if let Some(up) = upstream
        && up != tip
        && !repo.graph_descendant_of(tip, up)?
    {
        remote_commits = count_between(repo, up, tip)?;
        if repo.graph_descendant_of(up, tip)? {
            final_tip = up; // Nothing of ours is missing there: just catch up.
        } else {
            let sig = commit::signature(repo)?;
            progress(Progress::Rebasing {
                commits: remote_commits,
            });
            final_tip = integrate::rebase(repo, tip, up, &sig)?.0;
        }
    }

    // Now the branch moves: first to our commit (the working tree already holds it), then to
    // the integrated tip. The index file follows.
    if Some(tip) != head {
        integrate::advance(repo, &t.branch_ref, tip, tip)?;
        let mut index = repo.index()?;
        index.write()?;
    }
    if final_tip != tip {
        integrate::advance(repo, &t.branch_ref, tip, final_tip)?;
    }
    if upstream == Some(final_tip) {
        // Caught up with the remote, nothing of ours to send.
        return Ok(done(false, Some(final_tip), remote_commits, None));
    }

    push::push(
        repo,
        &t.remote,
        &t.branch_ref,
        &t.remote_branch,
        &session,
        progress,
    )?;
    let tracking = format!("refs/remotes/{}/{}", t.remote, t.remote_branch);
    repo.reference(&tracking, final_tip, true, "inkstone: publish")?;
    if !t.upstream_configured {
        let name = t.branch_ref.trim_start_matches("refs/heads/");
        let mut branch = repo.find_branch(name, git2::BranchType::Local)?;
        branch.set_upstream(Some(&format!("{}/{}", t.remote, t.remote_branch)))?;
    }
    progress(Progress::Done);
    let summary = summary.or_else(|| {
        repo.find_commit(final_tip)
            .ok()
            .and_then(|c| c.summary().ok().flatten().map(str::to_string))
    });
    Ok(done(true, Some(final_tip), remote_commits, summary))
}

/// Commits reachable from `from` but not from `not`.
fn count_between(repo: &Repository, from: Oid, not: Oid) -> Result<usize> {
    let mut walk = repo.revwalk()?;
    walk.push(from)?;
    walk.hide(not)?;
    Ok(walk.count())
}
