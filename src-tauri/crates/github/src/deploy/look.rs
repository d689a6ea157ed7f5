//! One look at a deployment: the Actions runs for the pushed commit that deploy the site,
//! the failing job and step, and GitHub's own Pages build of a branch.

use std::time::Duration;

use serde::Deserialize;

use super::{Deployment, Pages, Poller, State, Watch, bad, short};
use crate::{Error, Result};

/// A run of GitHub Actions (the fields Inkstone reads).
#[derive(Debug, Clone, Deserialize)]
struct Run {
    id: u64,
    #[serde(default)]
    name: Option<String>,
    head_sha: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    conclusion: Option<String>,
    #[serde(default)]
    html_url: Option<String>,
    /// `.github/workflows/hugo.yml` (newer answers add `@refs/heads/main`).
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    head_branch: Option<String>,
    /// `push`, `dynamic` (GitHub's own Pages build), `workflow_dispatch`…
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
}

impl Run {
    fn completed(&self) -> bool {
        self.status.as_deref() == Some("completed")
    }

    /// Completed without doing its work (a cancelled run was replaced, not failed).
    fn failed(&self) -> bool {
        self.completed()
            && bad(self.conclusion.as_deref())
            && self.conclusion.as_deref() != Some("cancelled")
    }
}

#[derive(Debug, Deserialize)]
struct Runs {
    #[serde(default)]
    workflow_runs: Vec<Run>,
}

#[derive(Debug, Deserialize)]
struct Job {
    name: String,
    #[serde(default)]
    conclusion: Option<String>,
    #[serde(default)]
    html_url: Option<String>,
    #[serde(default)]
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
struct Step {
    name: String,
    #[serde(default)]
    conclusion: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Jobs {
    #[serde(default)]
    jobs: Vec<Job>,
}

/// `GET /pages/builds/latest`.
#[derive(Debug, Deserialize)]
struct Build {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    error: Option<BuildError>,
    #[serde(default)]
    commit: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct BuildError {
    #[serde(default)]
    message: Option<String>,
}

/// Why a site GitHub builds from the pushed branch with Jekyll is not the blog the user
/// wrote (a Hugo or Hexo site), or `None`.
fn jekyll_built(pages: &Pages, watch: &Watch<'_>) -> Option<String> {
    let name = match watch.generator? {
        "hugo" => "Hugo",
        "hexo" => "Hexo",
        _ => return None,
    };
    let source = pages.source.as_ref();
    // `/docs` holds a site built beforehand (`hugo -d docs`): Jekyll only copies it.
    if source
        .and_then(|s| s.path.as_deref())
        .is_some_and(|p| p != "/")
    {
        return None;
    }
    Some(match watch.workflow {
        Some(wf) => format!(
            "GitHub Pages still builds the branch {} with Jekyll, not with {wf}: set Settings → Pages → Source to “GitHub Actions”",
            watch.branch
        ),
        None => format!(
            "GitHub Pages built the branch {} with Jekyll, which cannot build a {name} site: the site does not show this post",
            watch.branch
        ),
    })
}

/// The run's workflow file, without the `@ref` newer answers add.
fn workflow_of(run: &Run) -> Option<&str> {
    run.path
        .as_deref()
        .map(|p| p.split('@').next().unwrap_or(p))
}

/// One look at the deployment; `waited` is how long it has been followed.
pub(super) fn look(
    poller: &mut Poller<'_>,
    pages: &Pages,
    watch: &Watch<'_>,
    waited: Duration,
) -> Result<Deployment> {
    let mut d = Deployment {
        state: State::Building,
        url: None,
        run_url: None,
        failed_step: None,
        log_url: None,
        message: None,
        build_type: pages.build_type.clone(),
        commit: watch.commit.to_string(),
    };
    let repo = watch.repo;
    let runs: Runs = poller.json(
        &format!(
            "repos/{repo}/actions/runs?head_sha={}&per_page=30",
            watch.commit
        ),
        "the workflow runs",
    )?;
    let source = pages.source.as_ref().map(|s| s.branch.as_str());
    // The runs that deploy: for this commit on the pushed branch (or GitHub's own Pages build
    // of its branch), and of the repository's Pages workflow when it has one — another
    // workflow's failure (a link checker, say) is not the site's.
    let runs: Vec<Run> = runs
        .workflow_runs
        .into_iter()
        .filter(|r| r.head_sha == watch.commit)
        .filter(|r| {
            r.event.as_deref() == Some("dynamic")
                || r.head_branch.as_deref().is_none_or(|b| b == watch.branch)
        })
        .filter(|r| match watch.workflow {
            Some(wf) => workflow_of(r) == Some(wf) || r.event.as_deref() == Some("dynamic"),
            None => true,
        })
        .collect();
    let failed = runs.iter().find(|r| r.failed());
    let running = runs.iter().find(|r| !r.completed());
    d.run_url = failed
        .or(running)
        .or(runs.first())
        .and_then(|r| r.html_url.clone());
    if let Some(run) = failed {
        d.state = State::Failed;
        let jobs: Jobs = poller.json(
            &format!("repos/{repo}/actions/runs/{}/jobs?per_page=100", run.id),
            "the run's jobs",
        )?;
        if let Some(job) = jobs.jobs.iter().find(|j| bad(j.conclusion.as_deref())) {
            d.log_url = job.html_url.clone();
            d.failed_step =
                Some(crate::clean(
                    &match job.steps.iter().find(|s| bad(s.conclusion.as_deref())) {
                        Some(step) => format!("{} › {}", job.name, step.name),
                        None => job.name.clone(),
                    },
                ));
        }
        d.message = Some(crate::clean(&format!(
            "the run “{}” ended: {}",
            run.name.as_deref().unwrap_or("workflow"),
            run.conclusion.as_deref().unwrap_or("failure")
        )));
        return Ok(d);
    }
    let cancelled = !runs.is_empty()
        && runs
            .iter()
            .all(|r| r.completed() && !r.failed() && bad(r.conclusion.as_deref()));
    if cancelled && running.is_none() {
        d.state = State::Unknown;
        d.message = Some(
            "the run for this commit was cancelled (a newer publish may have taken its place)"
                .into(),
        );
        return Ok(d);
    }

    if !pages.branch_built() {
        // A workflow deploys the site: its run for this commit decides.
        if runs.is_empty() {
            if waited >= Watch::NO_RUN {
                d.state = State::Unknown;
                d.message = Some(format!(
                    "no workflow ran for {} on {}: check that {} runs on pushes to {}",
                    short(watch.commit),
                    watch.branch,
                    watch.workflow.unwrap_or("the Pages workflow"),
                    watch.branch
                ));
            } else {
                d.message = Some(format!(
                    "waiting for GitHub Actions to start a run for {}",
                    short(watch.commit)
                ));
            }
        } else if running.is_none() {
            d.state = State::Live;
        }
        return Ok(d);
    }
    let built_here = source.is_none_or(|b| b == watch.branch);
    if !built_here && watch.workflow.is_none() {
        // `hexo deploy` and the like push the built site themselves.
        d.state = State::Unknown;
        d.message = Some(format!(
            "the site is served from the branch {}, which changes when the site is deployed to it (hexo deploy, say), not on this push",
            source.unwrap_or_default()
        ));
        return Ok(d);
    }
    if running.is_some() {
        return Ok(d);
    }
    let build: Build = match poller.json(
        &format!("repos/{repo}/pages/builds/latest"),
        "the latest Pages build",
    ) {
        Ok(b) => b,
        // No build yet.
        Err(Error::Http { status: 404, .. }) => {
            d.message = Some(format!(
                "waiting for GitHub Pages to build {}",
                short(watch.commit)
            ));
            return Ok(d);
        }
        Err(e) => return Err(e),
    };
    let ours = if built_here {
        // GitHub builds the pushed branch: the build of this very commit.
        build.commit.as_deref() == Some(watch.commit)
    } else {
        // A workflow put the built site on the Pages branch during its run: a build made
        // after the run started.
        let since = runs.iter().filter_map(|r| r.created_at.as_deref()).min();
        match (since, build.created_at.as_deref()) {
            (Some(since), Some(created)) => !runs.is_empty() && created >= since,
            _ => false,
        }
    };
    if !ours {
        d.message = Some(if built_here || !runs.is_empty() {
            format!("waiting for GitHub Pages to build {}", short(watch.commit))
        } else {
            format!(
                "waiting for a workflow run for {} (the site is served from the branch {})",
                short(watch.commit),
                source.unwrap_or_default()
            )
        });
        return Ok(d);
    }
    match build.status.as_deref() {
        Some("built") => match built_here.then(|| jekyll_built(pages, watch)).flatten() {
            Some(why) => {
                d.state = State::Failed;
                d.message = Some(why);
            }
            None => d.state = State::Live,
        },
        Some("errored") => {
            d.state = State::Failed;
            d.message = Some(crate::clean(
                &build
                    .error
                    .and_then(|e| e.message)
                    .unwrap_or_else(|| "GitHub Pages could not build the site".into()),
            ));
        }
        _ => {}
    }
    Ok(d)
}
