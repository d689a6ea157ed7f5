//! `#[tauri::command]` adapters: deserialize, call one core function, map the error.

pub mod blog;
pub mod frontmatter;
pub mod post;
pub mod preview;
pub mod publish;
pub mod terms;
