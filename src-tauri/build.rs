//! Tauri's build step, with a permission per app command so capabilities can name them.

fn main() {
    let commands = &[
        "blog_open",
        "blog_pick",
        "blog_open_initial",
        "blog_handover",
        "blog_posts",
        "blog_recent",
        "post_open",
        "post_save",
        "post_create",
        "preview_render",
        "preview_css",
        "frontmatter_set",
        "publish_plan",
        "publish_run",
        "publish_token_save",
        "publish_identity_save",
        "terms_plan",
        "terms_apply",
        "terms_undo",
        "post_draft",
        "post_translate",
        "check_run",
        "image_paste",
        "image_insert",
        "image_drop",
        "search_query",
        "journal_write",
        "journal_edit",
        "journal_clear",
        "journal_pending",
        "post_disk",
        "post_split",
        "app_ready",
        "github_account",
        "github_sign_in",
        "github_sign_in_wait",
        "github_sign_in_cancel",
        "github_token",
        "github_sign_out",
        "github_repos",
        "github_clone",
        "github_follow",
        "github_workflow",
        "github_repository_set",
        "blog_settings",
        "blog_settings_save",
        "app_close",
    ];
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(e) = tauri_build::try_build(attributes) {
        eprintln!("tauri build step failed: {e:#}");
        std::process::exit(1);
    }
}
