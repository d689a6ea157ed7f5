//! The open blog's settings for the Settings dialog: its `.inkstone.toml` and the commit author
//! in its git config. The app's own settings live in the page's storage.

use inkstone_content::Generator;
use inkstone_content::settings::BlogSettings;
use serde::Serialize;
use tauri::State;

use super::blocking;
use crate::error::CmdResult;
use crate::state::AppState;

/// A commit author.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Identity {
    pub name: String,
    pub email: String,
}

/// What the Settings dialog shows about the open blog.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BlogPrefs {
    /// The blog's name as the library shows it.
    pub name: String,
    pub generator: Generator,
    /// Its `.inkstone.toml` (defaults when there is none).
    pub settings: BlogSettings,
    /// Whether the blog is in a git repository (the author is saved there).
    pub repository: bool,
    /// The author commits get: the repository's, else the user's git config.
    pub identity: Option<Identity>,
}

#[tauri::command]
pub async fn blog_settings(state: State<'_, AppState>) -> CmdResult<BlogPrefs> {
    let blog = state.blog()?;
    blocking(move || {
        let root = blog.root();
        let settings = BlogSettings::read(root)?;
        let (repository, identity) = match inkstone_git::identity(root) {
            Ok(found) => (true, found.map(|(name, email)| Identity { name, email })),
            Err(_) => (false, None),
        };
        Ok(BlogPrefs {
            name: super::blog::display_name(&blog),
            generator: blog.site().generator,
            settings,
            repository,
            identity,
        })
    })
    .await
}

/// Writes the open blog's `.inkstone.toml`, keeping the comments and anything else in it.
#[tauri::command]
pub async fn blog_settings_save(
    state: State<'_, AppState>,
    settings: BlogSettings,
) -> CmdResult<()> {
    let blog = state.whole_blog()?;
    blocking(move || Ok(settings.write(blog.root())?)).await
}
