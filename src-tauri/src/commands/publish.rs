//! Publish: the plan, the run (off the UI thread, progress through a channel), the token
//! and the commit author the run may ask for.

use std::sync::atomic::Ordering;

use inkstone_git::{Auth, Keychain, Options, Outcome, Plan, Progress};
use tauri::State;
use tauri::ipc::Channel;

use super::blocking;
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

/// What Publish would send, without using the network.
#[tauri::command]
pub async fn publish_plan(state: State<'_, AppState>) -> CmdResult<Plan> {
    let root = state.whole_blog()?.root().to_path_buf();
    blocking(move || Ok(inkstone_git::plan(&root)?)).await
}

/// Publishes the open blog. `passphrase` and `trust_fingerprint` are the answers to a
/// previous `passphrase_needed` / `unknown_host` failure; they are used once, never stored.
#[tauri::command]
pub async fn publish_run(
    state: State<'_, AppState>,
    message: Option<String>,
    passphrase: Option<String>,
    trust_fingerprint: Option<String>,
    on_progress: Channel<Progress>,
) -> CmdResult<Outcome> {
    let root = state.whole_blog()?.root().to_path_buf();
    if state.publishing.swap(true, Ordering::SeqCst) {
        return Err(CommandError::new("busy", "a publish is already running"));
    }
    let result = blocking(move || {
        let mut auth = Auth::standard(Some(Box::new(Keychain)));
        auth.passphrase = passphrase;
        auth.trust_fingerprint = trust_fingerprint;
        let report = |p: Progress| {
            // A closed window is not a reason to stop a publish half-way.
            let _ = on_progress.send(p);
        };
        Ok(inkstone_git::publish(
            &root,
            &Options { message },
            &auth,
            &report,
        )?)
    })
    .await;
    state.publishing.store(false, Ordering::SeqCst);
    result
}

/// Saves an access token for `host` in the OS keychain.
#[tauri::command]
pub async fn publish_token_save(host: String, token: String) -> CmdResult<()> {
    blocking(move || Ok(Keychain::save(&host, &token)?)).await
}

/// Saves the commit author in the open blog's repository.
#[tauri::command]
pub async fn publish_identity_save(
    state: State<'_, AppState>,
    name: String,
    email: String,
) -> CmdResult<()> {
    if name.trim().is_empty() || !email.contains('@') {
        return Err(CommandError::new(
            "invalid",
            "a name and an e-mail address are needed",
        ));
    }
    let root = state.whole_blog()?.root().to_path_buf();
    blocking(move || Ok(inkstone_git::save_identity(&root, &name, &email)?)).await
}
