//! GitHub: sign in (the device flow, or a pasted token when this build has no OAuth app), the
//! account, the user's repositories, cloning one and opening it, and following a publish to
//! the live page. The token lives in the OS keychain under GitHub's host and never crosses to
//! the webview; the webview names a repository (`owner/name`, checked), never a path.

use std::sync::atomic::Ordering;
use std::time::Duration;

use inkstone_git::{Auth, Keychain, Progress};
use inkstone_github::{Api, Deployment, Endpoints, Repo, RepoName, TokenInfo, Watch};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use ts_rs::TS;

use super::blocking;
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use crate::types::BlogInfo;

impl From<inkstone_github::Error> for CommandError {
    fn from(e: inkstone_github::Error) -> Self {
        use inkstone_github::Error as E;
        let code = match &e {
            E::Network { .. } => "network",
            E::BadToken { .. } => "auth_failed",
            E::Device(inkstone_github::device::DeviceError::Cancelled) => "cancelled",
            E::Device(_) => "sign_in_failed",
            E::RateLimited { .. } => "rate_limited",
            _ => "github",
        };
        CommandError::new(code, e.to_string())
    }
}

/// The signed-in account, as the Sign-in panel shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Account {
    /// `github.com`, or a GitHub Enterprise Server's host.
    pub host: String,
    pub login: String,
    pub name: Option<String>,
    /// `null` for a fine-grained token.
    pub scopes: Option<Vec<String>>,
    /// Needed scopes the token lacks (`workflow`: no Pages workflow can be added).
    pub missing: Vec<String>,
}

fn account(endpoints: &Endpoints, info: TokenInfo) -> Account {
    Account {
        host: endpoints.host(),
        login: info.user.login,
        name: info.user.name,
        scopes: info.scopes,
        missing: info.missing,
    }
}

/// How signing in goes on: a code to enter on GitHub, or a token to paste.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SignIn {
    /// The device flow: type `user_code` at `verification_uri` (opened in the browser).
    Device {
        user_code: String,
        verification_uri: String,
        /// Seconds the code is valid.
        expires_in: u32,
    },
    /// No OAuth app in this build: make a token on this page (scopes filled in) and paste it.
    Token { new_token_page: String },
}

/// What `github_follow` ends with.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Followed {
    pub deployment: Deployment,
    /// Why the blog should get its generator's Pages workflow (a Hugo site GitHub builds with
    /// Jekyll), when it should.
    pub workflow_offer: Option<String>,
}

fn endpoints() -> CmdResult<Endpoints> {
    Ok(Endpoints::from_env()?)
}

fn token(endpoints: &Endpoints) -> CmdResult<String> {
    let host = endpoints.host();
    Keychain::load(&host)?.ok_or_else(|| {
        let mut e = CommandError::new(
            "signed_out",
            format!("not signed in to {host}: sign in with GitHub first"),
        );
        e.detail = Some(host);
        e
    })
}

/// The signed-in account, `None` when no token is stored or GitHub no longer accepts it.
#[tauri::command]
pub async fn github_account() -> CmdResult<Option<Account>> {
    blocking(move || {
        let endpoints = endpoints()?;
        let Some(token) = Keychain::load(&endpoints.host())? else {
            return Ok(None);
        };
        match Api::new(endpoints.clone()).user(&token) {
            Ok(info) => Ok(Some(account(&endpoints, info))),
            Err(inkstone_github::Error::BadToken { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

/// Starts signing in: asks GitHub for a device code (kept here, never sent to the page) and
/// returns the code to show; without an OAuth app, the token page to open.
#[tauri::command]
pub async fn github_sign_in(app: AppHandle, state: State<'_, AppState>) -> CmdResult<SignIn> {
    let endpoints = endpoints()?;
    let Some(client) = inkstone_github::client_id() else {
        return Ok(SignIn::Token {
            new_token_page: endpoints.new_token_page(),
        });
    };
    let code = blocking(move || Ok(Api::new(endpoints).device_code(&client)?)).await?;
    // Shown as a link and opened in the browser: only a web address (https, or http on this
    // machine for a test's stand-in).
    let page_ok = tauri::Url::parse(&code.verification_uri).is_ok_and(|u| {
        u.scheme() == "https"
            || (u.scheme() == "http" && matches!(u.host_str(), Some("127.0.0.1" | "localhost")))
    });
    if !page_ok {
        return Err(CommandError::new(
            "github",
            format!(
                "GitHub named a sign-in page that is not a web address: {:?}",
                code.verification_uri
            ),
        ));
    }
    state.sign_in_cancel.store(false, Ordering::SeqCst);
    let shown = SignIn::Device {
        user_code: code.user_code.clone(),
        verification_uri: code.verification_uri.clone(),
        expires_in: u32::try_from(code.expires_in).unwrap_or(u32::MAX),
    };
    // The page where the code is entered, in the system browser.
    {
        use tauri_plugin_opener::OpenerExt;
        if let Err(e) = app.opener().open_url(&code.verification_uri, None::<&str>) {
            eprintln!("inkstone: cannot open {}: {e}", code.verification_uri);
        }
    }
    if let Ok(mut slot) = state.sign_in.lock() {
        *slot = Some(code);
    }
    Ok(shown)
}

/// Waits for the user to enter the code on GitHub (polling at GitHub's interval), stores the
/// token in the keychain, and returns the account. Ends early with `cancelled`.
#[tauri::command]
pub async fn github_sign_in_wait(state: State<'_, AppState>) -> CmdResult<Account> {
    let code = state
        .sign_in
        .lock()
        .ok()
        .and_then(|mut s| s.take())
        .ok_or_else(|| CommandError::new("invalid", "no sign-in was started"))?;
    let cancel = std::sync::Arc::clone(&state.sign_in_cancel);
    blocking(move || {
        let endpoints = endpoints()?;
        let client = inkstone_github::client_id()
            .ok_or_else(|| CommandError::new("invalid", "this build has no OAuth app"))?;
        let api = Api::new(endpoints.clone());
        let sleep = |d: Duration| {
            // In slices, so that Cancel is heard within a tenth of a second.
            let end = std::time::Instant::now() + d;
            while std::time::Instant::now() < end {
                if cancel.load(Ordering::SeqCst) {
                    return false;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            !cancel.load(Ordering::SeqCst)
        };
        let token = zeroize::Zeroizing::new(api.poll_token(&client, &code, sleep)?);
        save(&api, &endpoints, &token)
    })
    .await
}

/// Stops a sign-in that is waiting for the code.
#[tauri::command]
pub fn github_sign_in_cancel(state: State<'_, AppState>) {
    state.sign_in_cancel.store(true, Ordering::SeqCst);
}

/// Checks a token (`GET /user`), refuses one that cannot publish, keeps it in the keychain.
fn save(api: &Api, endpoints: &Endpoints, token: &str) -> CmdResult<Account> {
    let info = api.user(token)?;
    if info.missing.iter().any(|m| m == "repo") {
        return Err(CommandError::new(
            "missing_scope",
            format!(
                "this token lacks the `repo` scope, which publishing needs: make one with `repo` and `workflow` at {}",
                endpoints.new_token_page()
            ),
        ));
    }
    Keychain::save(&endpoints.host(), token)?;
    Ok(account(endpoints, info))
}

/// Signs in with a pasted token.
#[tauri::command]
pub async fn github_token(token: String) -> CmdResult<Account> {
    blocking(move || {
        let token = zeroize::Zeroizing::new(token.trim().to_string());
        let endpoints = endpoints()?;
        save(&Api::new(endpoints.clone()), &endpoints, &token)
    })
    .await
}

/// Forgets the token.
#[tauri::command]
pub async fn github_sign_out() -> CmdResult<()> {
    blocking(move || {
        let endpoints = endpoints()?;
        Ok(Keychain::delete(&endpoints.host())?)
    })
    .await
}

/// The signed-in user's repositories, those with a Pages site first.
#[tauri::command]
pub async fn github_repos() -> CmdResult<Vec<Repo>> {
    blocking(move || {
        let endpoints = endpoints()?;
        let token = token(&endpoints)?;
        Ok(Api::new(endpoints).repos(&token)?)
    })
    .await
}

/// Clones `repository` (`owner/name`) into a new folder of that name in the folder the user
/// picked with `blog_pick` (else the home folder), with progress, then opens it.
#[tauri::command]
pub async fn github_clone(
    app: AppHandle,
    state: State<'_, AppState>,
    repository: String,
    into_picked: bool,
    on_progress: Channel<Progress>,
) -> CmdResult<BlogInfo> {
    let name = RepoName::parse(&repository)
        .ok_or_else(|| CommandError::new("invalid", format!("{repository:?} is not OWNER/NAME")))?;
    let picked = if into_picked {
        state.picked.lock().ok().and_then(|mut p| p.take())
    } else {
        None
    };
    let parent = match picked {
        Some(p) => std::path::PathBuf::from(p),
        None => std::env::home_dir()
            .ok_or_else(|| CommandError::new("invalid", "no home folder to clone into"))?,
    };
    let target = parent.join(&name.name);
    let path = blocking(move || {
        let endpoints = endpoints()?;
        let token = token(&endpoints)?;
        let repo = Api::new(endpoints).clone_source(&token, &name)?;
        let auth = Auth::standard(Some(Box::new(Keychain)));
        let report = |p: Progress| {
            let _ = on_progress.send(p);
        };
        let path = inkstone_git::clone(
            &repo.clone_url,
            &target,
            repo.default_branch.as_deref(),
            &auth,
            &report,
        )?;
        inkstone_git::set_github_repository(&path, &name.full_name())?;
        Ok(path)
    })
    .await?;
    let app2 = app.clone();
    blocking(move || super::blog::open_at(&app2, path)).await
}

/// Follows the published commit on GitHub until the site is live or failed (10 minutes at
/// most), telling the page each new state. `changed` are the published files (the plan's),
/// to show the post's own address when live.
#[tauri::command]
pub async fn github_follow(
    state: State<'_, AppState>,
    commit: String,
    changed: Vec<String>,
    on_change: Channel<Deployment>,
) -> CmdResult<Followed> {
    let blog = state.whole_blog()?;
    blocking(move || {
        let endpoints = endpoints()?;
        let token = token(&endpoints)?;
        let plan = inkstone_git::plan(blog.root())?;
        let configured = inkstone_git::github_repository(blog.root())?;
        let repo = RepoName::for_blog(&plan.remote_url, configured.as_deref(), &endpoints)
            .map_err(|m| CommandError::new("not_github", m))?;
        let paths: Vec<&str> = changed.iter().map(String::as_str).collect();
        let page = blog.address_of_changed(&paths);
        let api = Api::new(endpoints);
        let generator = blog.site().generator.id();
        let workflow = plan.deploy.workflow();
        let watch = Watch {
            repo: &repo,
            commit: &commit,
            branch: &plan.remote_branch,
            page: page.as_deref(),
            generator: Some(generator),
            workflow,
            wait: true,
            limit: Watch::LIMIT,
            interval: Watch::INTERVAL,
        };
        let mut tell = |d: &Deployment| {
            let _ = on_change.send(d.clone());
        };
        let (deployment, pages) = api.follow(&token, &watch, &mut tell, &std::thread::sleep);
        let workflow_offer = pages.and_then(|pages| {
            inkstone_github::workflow::offer(
                generator,
                Some(&pages),
                workflow.is_some(),
                &plan.remote_branch,
            )
        });
        Ok(Followed {
            deployment,
            workflow_offer,
        })
    })
    .await
}

/// The generator's Pages workflow for the open blog, in full; with `add`, written into
/// `.github/workflows/` (never over a file) to go out with the next publish.
#[tauri::command]
pub async fn github_workflow(
    state: State<'_, AppState>,
    add: bool,
    daily: bool,
) -> CmdResult<WorkflowShown> {
    let blog = state.whole_blog()?;
    blocking(move || {
        let plan = inkstone_git::plan(blog.root())?;
        let generator = blog.site().generator.id();
        let wf = inkstone_github::workflow::pages_workflow(
            generator,
            &plan.remote_branch,
            None,
            daily,
        )
            .ok_or_else(|| {
                CommandError::new(
                    "invalid",
                    format!("GitHub Pages builds Jekyll sites itself: this {generator} site needs no workflow"),
                )
            })?;
        if add {
            let workdir = inkstone_git::workdir(blog.root())?;
            inkstone_github::workflow::add(&workdir, &wf).map_err(|e| {
                CommandError::new("io", format!("{}: {e} (it is kept as it is)", wf.path))
            })?;
        }
        let scheduled_posts = blog
            .posts()
            .iter()
            .filter(|p| p.status == inkstone_content::Status::Scheduled)
            .count();
        Ok(WorkflowShown {
            path: wf.path,
            text: wf.text,
            added: add,
            scheduled_posts: u32::try_from(scheduled_posts).unwrap_or(u32::MAX),
        })
    })
    .await
}

/// A Pages workflow as the Publish panel shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct WorkflowShown {
    /// `.github/workflows/hugo.yml`.
    pub path: String,
    pub text: String,
    /// It was written and will go out with the next publish.
    pub added: bool,
    /// Posts dated in the future: a daily rebuild makes them go live on their date.
    pub scheduled_posts: u32,
}

/// Names the open blog's GitHub repository (`owner/name`) when its `origin` is not on GitHub's
/// host: the `inkstone.githubRepository` git config value.
#[tauri::command]
pub async fn github_repository_set(
    state: State<'_, AppState>,
    repository: String,
) -> CmdResult<()> {
    let name = RepoName::parse(&repository)
        .ok_or_else(|| CommandError::new("invalid", format!("{repository:?} is not OWNER/NAME")))?;
    let blog = state.whole_blog()?;
    blocking(move || {
        Ok(inkstone_git::set_github_repository(
            blog.root(),
            &name.full_name(),
        )?)
    })
    .await
}
