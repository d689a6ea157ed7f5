//! Shared by the git crate's integration tests: a sandbox whose git config is also the only
//! one libgit2 reads in this process.

use inkstone_testserver::Sandbox;

/// A new sandbox; libgit2's global config is its home, system and XDG config are nowhere.
#[allow(unsafe_code)]
pub fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    // SAFETY: nextest runs each test in its own process, before any git thread exists.
    unsafe {
        git2::opts::set_search_path(git2::ConfigLevel::Global, &sb.home).unwrap();
        for level in [
            git2::ConfigLevel::System,
            git2::ConfigLevel::XDG,
            git2::ConfigLevel::ProgramData,
        ] {
            git2::opts::set_search_path(level, sb.root.path().join("nowhere")).unwrap();
        }
    }
    sb
}
