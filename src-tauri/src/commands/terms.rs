//! Tags, categories, drafts and search across the open blog: plan (which files change),
//! apply as one operation, undo the last one.

use inkstone_content::search::Hit;
use inkstone_content::{Blog, FileChange, Taxonomy, TermOp};
use tauri::State;

use super::blocking;
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use crate::types::Changed;

fn changed(blog: &Blog, paths: Vec<String>, undoable: bool) -> Changed {
    let posts = blog.posts();
    Changed {
        paths,
        tags: blog.tags(&posts),
        categories: blog.categories(&posts),
        posts,
        undoable,
    }
}

/// The files the operation would change, without writing anything.
#[tauri::command]
pub async fn terms_plan(
    state: State<'_, AppState>,
    taxonomy: Taxonomy,
    op: TermOp,
) -> CmdResult<Vec<String>> {
    let blog = state.whole_blog()?;
    blocking(move || {
        let plan = blog.plan_terms(taxonomy, &op)?;
        Ok(plan.into_iter().map(|c| c.path).collect())
    })
    .await
}

/// Applies the operation to every post that has the term, all or nothing.
#[tauri::command]
pub async fn terms_apply(
    state: State<'_, AppState>,
    taxonomy: Taxonomy,
    op: TermOp,
) -> CmdResult<Changed> {
    let blog = state.whole_blog()?;
    let (plan, result) = blocking(move || {
        let plan = blog.plan_terms(taxonomy, &op)?;
        blog.apply(&plan)?;
        let paths = plan.iter().map(|c| c.path.clone()).collect();
        Ok((plan, changed(&blog, paths, true)))
    })
    .await?;
    if let Ok(mut last) = state.last_terms.lock() {
        *last = Some(plan);
    }
    Ok(result)
}

/// Takes back the last operation, when no file has changed since.
#[tauri::command]
pub async fn terms_undo(state: State<'_, AppState>) -> CmdResult<Changed> {
    let blog = state.whole_blog()?;
    let last = state.last_terms.lock().ok().and_then(|mut l| l.take());
    let Some(plan) = last else {
        return Err(CommandError::new(
            "nothing_to_undo",
            "there is nothing to undo",
        ));
    };
    let undo: Vec<FileChange> = plan.iter().map(FileChange::reversed).collect();
    blocking(move || {
        blog.apply(&undo)?;
        Ok(changed(
            &blog,
            undo.into_iter().map(|c| c.path).collect(),
            false,
        ))
    })
    .await
}

/// Makes a post a draft or publishes it, moving the file where the generator wants it.
#[tauri::command]
pub async fn post_draft(
    state: State<'_, AppState>,
    path: String,
    draft: bool,
) -> CmdResult<Changed> {
    let blog = state.blog()?;
    blocking(move || {
        let change = blog.plan_draft(&path, draft)?;
        blog.apply_draft(&change)?;
        if change.to != change.from {
            // Outside git, or for an untracked file, there is nothing to record.
            let _ = inkstone_git::record_move(blog.root(), &change.from, &change.to);
        }
        Ok(changed(&blog, vec![change.to], false))
    })
    .await
}

/// Starts the translation of the post at `path` into `lang` (`Blog::translate`): the new
/// file is the one path in the answer.
#[tauri::command]
pub async fn post_translate(
    state: State<'_, AppState>,
    path: String,
    lang: String,
) -> CmdResult<Changed> {
    let blog = state.whole_blog()?;
    blocking(move || {
        let new = blog.translate(&path, &lang)?;
        Ok(changed(&blog, vec![new], false))
    })
    .await
}

/// `inkstone check` for the Publish panel: broken images, links and anchors of every post.
#[tauri::command]
pub async fn check_run(
    state: State<'_, AppState>,
) -> CmdResult<Vec<inkstone_content::check::Finding>> {
    let blog = state.whole_blog()?;
    blocking(move || Ok(blog.check())).await
}

/// Full-text search of the open blog.
#[tauri::command]
pub async fn search_query(state: State<'_, AppState>, query: String) -> CmdResult<Vec<Hit>> {
    let blog = state.blog()?;
    let search = std::sync::Arc::clone(&state.search);
    tauri::async_runtime::spawn_blocking(move || {
        let mut search = crate::state::relock(&search, Default::default);
        Ok(search.index(&blog).search(&query, 50))
    })
    .await
    .map_err(|e| {
        CommandError::new(
            "internal",
            format!("search failed (a bug; the next search starts afresh): {e}"),
        )
    })?
}
