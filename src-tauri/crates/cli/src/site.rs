//! After a push: `inkstone status`, `publish --wait` and `inkstone workflow`. Which GitHub
//! repository a blog is (its `origin` on GitHub's host, else `inkstone.githubRepository`),
//! whether its Pages site built and deployed the pushed commit, and the generator's Pages
//! workflow when GitHub would build the site with the wrong generator.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use inkstone_content::{Blog, Status};
use inkstone_github::{Api, Deployment, Endpoints, RepoName, State, Watch, workflow};
use zeroize::Zeroizing;

use crate::output::Out;
use crate::report::DeployFailed;

/// The blog's GitHub repository: `origin` when it is on GitHub's host, else the
/// `inkstone.githubRepository` git config value.
pub fn github_repo(blog_root: &Path, remote_url: &str, endpoints: &Endpoints) -> Result<RepoName> {
    let configured = inkstone_git::github_repository(blog_root)?;
    RepoName::for_blog(remote_url, configured.as_deref(), endpoints).map_err(anyhow::Error::msg)
}

/// How long `--wait` waits, from `--wait-limit SECONDS`.
pub fn limit(seconds: Option<u64>) -> Duration {
    seconds.map_or(Watch::LIMIT, Duration::from_secs)
}

/// Follows `commit` of `blog` on GitHub, saying on stderr how it goes. `None` when it cannot
/// even start (not a GitHub blog, not signed in): the reason is the error.
pub fn follow(
    blog: &Blog,
    commit: &str,
    page: Option<&str>,
    wait: bool,
    limit: Duration,
) -> Result<(Deployment, Option<String>)> {
    let plan = inkstone_git::plan(blog.root())?;
    let endpoints = Endpoints::from_env()?;
    let repo = github_repo(blog.root(), &plan.remote_url, &endpoints)?;
    let token = match inkstone_git::Keychain::load(&endpoints.host())? {
        Some(t) => Zeroizing::new(t),
        None => bail!(
            "not signed in to {}: run `inkstone login` to follow the deployment",
            endpoints.host()
        ),
    };
    let api = Api::new(endpoints);
    let workflow = plan.deploy.workflow();
    let watch = Watch {
        repo: &repo,
        commit,
        branch: &plan.remote_branch,
        page,
        generator: Some(blog.site().generator.id()),
        workflow,
        wait,
        limit,
        interval: Watch::INTERVAL,
    };
    let mut said = String::new();
    let mut on_change = |d: &Deployment| {
        if !wait || d.state != State::Building {
            return;
        }
        let line = match &d.run_url {
            Some(run) => format!("building… ({run})"),
            None => format!(
                "building… ({})",
                d.message.as_deref().unwrap_or("waiting for GitHub")
            ),
        };
        if line != said {
            let _ = writeln!(std::io::stderr(), "{line}");
            said = line;
        }
    };
    let (deployment, pages) = api.follow(&token, &watch, &mut on_change, &std::thread::sleep);
    // The workflow offer: only when GitHub said how the site deploys.
    let offer = pages.and_then(|pages| {
        workflow::offer(
            blog.site().generator.id(),
            Some(&pages),
            workflow.is_some(),
            &plan.remote_branch,
        )
    });
    Ok((deployment, offer))
}

/// Prints a deployment; a failed one is an error (exit status 1) after it is shown.
pub fn report(
    out: &mut Out,
    deployment: &Deployment,
    offer: Option<&str>,
    json: bool,
    extra: Option<serde_json::Value>,
) -> Result<()> {
    if json {
        let mut value = serde_json::to_value(deployment)?;
        if let (Some(obj), Some(offer)) = (value.as_object_mut(), offer) {
            obj.insert("workflow_offer".into(), offer.into());
        }
        if let (Some(obj), Some(serde_json::Value::Object(more))) = (value.as_object_mut(), extra) {
            obj.extend(more);
        }
        out.json(&value)?;
    } else {
        let url = deployment.url.as_deref().unwrap_or("(no address)");
        match deployment.state {
            State::Live => out.line(format_args!("Live: {url}"))?,
            State::Failed => {
                out.line(format_args!(
                    "Failed: {}",
                    deployment
                        .failed_step
                        .as_deref()
                        .or(deployment.message.as_deref())
                        .unwrap_or("the deployment failed")
                ))?;
                if deployment.failed_step.is_some()
                    && let Some(m) = &deployment.message
                {
                    out.line(format_args!("  {m}"))?;
                }
                if let Some(log) = deployment.log_url.as_ref().or(deployment.run_url.as_ref()) {
                    out.line(format_args!("  log: {log}"))?;
                }
            }
            State::Building => {
                out.line(format_args!(
                    "Building: {}",
                    deployment.message.as_deref().unwrap_or("not deployed yet")
                ))?;
                if let Some(run) = &deployment.run_url {
                    out.line(format_args!("  run: {run}"))?;
                }
                out.line(format_args!("  will be at {url}"))?;
            }
            State::Unknown => out.line(format_args!(
                "Deployment unknown: {}",
                deployment
                    .message
                    .as_deref()
                    .unwrap_or("it could not be checked")
            ))?,
        }
        if let Some(offer) = offer {
            let _ = writeln!(
                std::io::stderr(),
                "inkstone: note: {offer} — `inkstone workflow` shows it, `inkstone workflow --add` adds it"
            );
        }
    }
    if deployment.state == State::Failed {
        return Err(DeployFailed(
            deployment
                .failed_step
                .clone()
                .or(deployment.message.clone())
                .unwrap_or_default(),
        )
        .into());
    }
    Ok(())
}

/// `inkstone status`: the deployment of the commit HEAD is on.
pub fn status(
    out: &mut Out,
    blog: &Blog,
    wait: bool,
    limit_seconds: Option<u64>,
    json: bool,
) -> Result<()> {
    // What GitHub has: the remote branch as of the last publish or fetch.
    let plan = inkstone_git::plan(blog.root())?;
    let tracking = format!("refs/remotes/{}/{}", plan.remote, plan.remote_branch);
    let Some(pushed) = inkstone_git::ref_id(blog.root(), &tracking)? else {
        bail!("nothing is published yet: run `inkstone publish`");
    };
    if plan.unpushed > 0 && !json {
        let _ = writeln!(
            std::io::stderr(),
            "inkstone: note: {} commit(s) here are not published yet; this is the last published one",
            plan.unpushed
        );
    }
    let (deployment, offer) = follow(blog, &pushed, None, wait, limit(limit_seconds))?;
    report(out, &deployment, offer.as_deref(), json, None)
}

/// `hugo version` of this machine, so the workflow builds with the Hugo the blog is written
/// with.
fn local_hugo() -> Option<String> {
    let out = std::process::Command::new("hugo")
        .arg("version")
        .output()
        .ok()?;
    workflow::hugo_version_of(&String::from_utf8_lossy(&out.stdout))
}

/// `inkstone workflow [--add] [--daily]`: the generator's Pages workflow, shown in full, and
/// with `--add` written into `.github/workflows/` to be published.
pub fn workflow(out: &mut Out, blog: &Blog, add: bool, daily: bool, json: bool) -> Result<()> {
    let plan = inkstone_git::plan(blog.root())?;
    let generator = blog.site().generator.id();
    let hugo = if generator == "hugo" {
        local_hugo()
    } else {
        None
    };
    let Some(wf) = workflow::pages_workflow(generator, &plan.remote_branch, hugo.as_deref(), daily)
    else {
        bail!("GitHub Pages builds Jekyll sites itself: this {generator} site needs no workflow");
    };
    let scheduled = blog
        .posts()
        .iter()
        .filter(|p| p.status == Status::Scheduled)
        .count();
    // A workflow that already deploys the site (GitHub's starter, peaceiris's, one's own).
    let deploys = plan.deploy.workflow().map(str::to_string);
    let mut written = None;
    if add {
        if let Some(existing) = &deploys {
            bail!(
                "{existing} already deploys this site to GitHub Pages: it is kept as it is, and nothing was added (`inkstone workflow` prints Inkstone's, to compare)"
            );
        }
        let workdir = inkstone_git::workdir(blog.root())?;
        match workflow::add(&workdir, &wf) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
                "{}: {}",
                wf.path,
                if e.get_ref().is_some() {
                    e.to_string()
                } else {
                    "a file of that name is already there: it is kept as it is, and nothing was added".to_string()
                }
            ),
            Err(e) => return Err(e).with_context(|| format!("{} (nothing was added)", wf.path)),
        }
        written = Some(wf.path.clone());
    }
    if json {
        return out.json(&serde_json::json!({
            "path": wf.path,
            "text": wf.text,
            "added": written.is_some(),
            "deployed_by": deploys,
            "scheduled_posts": scheduled,
        }));
    }
    if !add {
        out.text(&wf.text)?;
    }
    let mut err = std::io::stderr();
    if written.is_some() {
        let _ = writeln!(
            err,
            "Added {}. Publish it (the token needs the `workflow` scope), then set the repository's Settings → Pages → Source to “GitHub Actions”.",
            wf.path
        );
    } else if let Some(existing) = &deploys {
        let _ = writeln!(
            err,
            "inkstone: {existing} already deploys this site; above is the workflow Inkstone would add in its place."
        );
    } else {
        let _ = writeln!(
            err,
            "inkstone: this is {}; `inkstone workflow --add` adds it.",
            wf.path
        );
    }
    if scheduled > 0 && !daily {
        let _ = writeln!(
            err,
            "inkstone: note: {scheduled} post(s) are dated in the future: `--daily` rebuilds the site every day so they go live on their date."
        );
    }
    Ok(())
}
