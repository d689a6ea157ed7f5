//! `inkstone publish` (and `--wait` for the live page) and `inkstone token`: the app's
//! publish, with progress on stderr.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use std::time::Duration;

use anyhow::{Context, Result, bail};
use inkstone_content::Blog;
use inkstone_git::{Auth, ChangeKind, Keychain, Options, Progress};
use inkstone_github::{Deployment, State};
use zeroize::Zeroizing;

use crate::output::Out;
use crate::site;

pub fn run(
    out: &mut Out,
    blog: &Blog,
    message: Option<String>,
    dry_run: bool,
    wait: Option<Duration>,
    json: bool,
) -> Result<()> {
    let dir = blog.root();
    let plan = inkstone_git::plan(dir)?;
    if dry_run {
        if json {
            return out.json(&plan);
        }
        return print_plan(out, &plan);
    }
    if !json {
        print_plan(out, &plan)?;
        // The plan is on screen before the network is used.
        out.flush()?;
    }
    let auth = Auth::standard(Some(Box::new(Keychain)));
    let report = reporter();
    let outcome = inkstone_git::publish(dir, &Options { message }, &auth, &report);
    end_progress();
    let outcome = outcome?;
    if let Some(limit) = wait {
        return wait_for_site(out, blog, &plan, &outcome, limit, json);
    }
    if json {
        return out.json(&outcome);
    }
    print_outcome(out, &outcome)
}

/// After the push: follows the pushed commit to the live page (the published post's).
fn wait_for_site(
    out: &mut Out,
    blog: &Blog,
    plan: &inkstone_git::Plan,
    outcome: &inkstone_git::Outcome,
    limit: Duration,
    json: bool,
) -> Result<()> {
    if !json {
        print_outcome(out, outcome)?;
        out.flush()?;
    }
    let commit = match &outcome.head {
        Some(c) => Some(c.clone()),
        None => inkstone_git::head_id(blog.root())?,
    };
    let changed: Vec<&str> = plan.changes.iter().map(|c| c.path.as_str()).collect();
    let page = blog.address_of_changed(&changed);
    let followed = match &commit {
        Some(c) => site::follow(blog, c, page.as_deref(), true, limit),
        None => Err(anyhow::anyhow!("nothing is committed yet")),
    };
    let (deployment, offer) = match followed {
        Ok(d) => d,
        // The push went through; only the deployment is not known.
        Err(e) => (
            Deployment {
                state: State::Unknown,
                url: None,
                run_url: None,
                failed_step: None,
                log_url: None,
                message: Some(format!("the deployment is not followed: {e:#}")),
                build_type: None,
                commit: commit.unwrap_or_default(),
            },
            None,
        ),
    };
    let extra = serde_json::json!({ "publish": outcome });
    site::report(out, &deployment, offer.as_deref(), json, Some(extra))
}

fn print_outcome(out: &mut Out, outcome: &inkstone_git::Outcome) -> Result<()> {
    if !outcome.published {
        return out.line(format_args!(
            "Nothing to publish: {} is up to date with {}.",
            outcome.branch, outcome.remote_url
        ));
    }
    out.line(format_args!(
        "Published {} \"{}\" to {} ({}).",
        outcome.commit.as_deref().unwrap_or("?"),
        outcome.summary.as_deref().unwrap_or(""),
        outcome.remote_url,
        outcome.branch
    ))?;
    if outcome.remote_commits > 0 {
        out.line(format_args!(
            "Brought in {} new commit(s) from the remote first.",
            outcome.remote_commits
        ))?;
    }
    if let Some(url) = &outcome.site_url {
        out.line(format_args!("Site: {url}"))?;
    }
    Ok(())
}

/// Progress of a network operation on stderr: one rewritten line on a terminal, else one
/// line per stage.
pub fn reporter() -> impl Fn(Progress) + Sync {
    let tty = std::io::stderr().is_terminal();
    let last = Mutex::new(String::new());
    move |p: Progress| {
        let line = match p {
            Progress::Fetching { objects, total, .. } if total > 0 => {
                format!("fetching: {objects}/{total} objects")
            }
            Progress::Fetching { .. } => "fetching".to_string(),
            Progress::CheckingOut { files, total } => {
                format!("checking out: {files}/{total} files")
            }
            Progress::Committing => "committing".to_string(),
            Progress::Rebasing { commits } => {
                format!("putting your commit after {commits} new remote commit(s)")
            }
            Progress::Pushing {
                objects,
                total,
                bytes,
            } => {
                format!("pushing: {objects}/{total} objects, {} KiB", bytes / 1024)
            }
            Progress::Done => return,
        };
        let Ok(mut last) = last.lock() else { return };
        let stage = line.split(':').next().unwrap_or_default().to_string();
        if tty {
            let _ = write!(std::io::stderr(), "\r\x1b[2K{line}");
        } else if !last.starts_with(&stage) {
            let _ = writeln!(std::io::stderr(), "{stage}");
        }
        *last = line;
    }
}

/// Clears the progress line on a terminal.
pub fn end_progress() {
    if std::io::stderr().is_terminal() {
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
        let _ = std::io::stderr().flush();
    }
}

fn print_plan(out: &mut Out, plan: &inkstone_git::Plan) -> Result<()> {
    out.line(format_args!(
        "{} -> {} ({})",
        plan.branch, plan.remote_url, plan.remote_branch
    ))?;
    if plan.changes.is_empty() && plan.unpushed == 0 {
        out.line("No changes.")?;
    }
    for c in &plan.changes {
        let mark = match c.kind {
            ChangeKind::Added => "A",
            ChangeKind::Modified => "M",
            ChangeKind::Deleted => "D",
            ChangeKind::Renamed => "R",
        };
        match &c.old_path {
            Some(old) => out.line(format_args!("  {mark} {old} -> {}", c.path))?,
            None => out.line(format_args!("  {mark} {}", c.path))?,
        }
    }
    if plan.unpushed > 0 {
        out.line(format_args!(
            "  + {} commit(s) not yet on the remote",
            plan.unpushed
        ))?;
    }
    for w in &plan.warnings {
        out.line(format_args!("warning: {w}"))?;
    }
    Ok(())
}

/// `--host`, else the host of the blog's remote (`blog` finds the blog only when needed).
fn host_of(host: Option<String>, blog: impl FnOnce() -> Result<PathBuf>) -> Result<String> {
    match host {
        Some(h) => Ok(h),
        None => {
            let plan = inkstone_git::plan(&blog()?)
                .context("no --host given and no remote to take it from")?;
            Ok(inkstone_git::token_host(&plan.remote_url))
        }
    }
}

pub fn token_set(host: Option<String>, blog: impl FnOnce() -> Result<PathBuf>) -> Result<()> {
    let host = host_of(host, blog)?;
    let mut token = Zeroizing::new(String::new());
    if std::io::stdin().is_terminal() {
        // Not echoed: a token on screen ends up in scrollback and screen shares.
        token = Zeroizing::new(rpassword::prompt_password(format!(
            "Token for {host} (not shown): "
        ))?);
    } else {
        std::io::stdin().read_to_string(&mut token)?;
    }
    if token.trim().is_empty() {
        bail!("no token on standard input");
    }
    Keychain::save(&host, &token)?;
    let _ = writeln!(
        std::io::stderr(),
        "Saved the token for {host} in the system keychain."
    );
    Ok(())
}

pub fn token_delete(host: Option<String>, blog: impl FnOnce() -> Result<PathBuf>) -> Result<()> {
    let host = host_of(host, blog)?;
    Keychain::delete(&host)?;
    let _ = writeln!(std::io::stderr(), "Forgot the token for {host}.");
    Ok(())
}
