//! The one error type of inkstone-content: every variant names the file and, where it can,
//! the line.

use std::path::PathBuf;

/// Errors from reading, parsing or writing a blog.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such folder", .0.display())]
    MissingFolder(PathBuf),
    #[error("{}: not a Hugo, Jekyll or Hexo blog (looked for hugo.toml/config.* with a content folder, _config.yml with _posts/, or a Hexo _config.yml with source/_posts/)", .0.display())]
    NotABlog(PathBuf),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: invalid UTF-8 (byte {offset}); the file is left untouched", path.display())]
    InvalidUtf8 {
        path: PathBuf,
        line: usize,
        offset: usize,
    },
    #[error("{}:{line}: {format} front matter: {message}", path.display())]
    FrontMatter {
        path: PathBuf,
        line: usize,
        format: &'static str,
        message: String,
    },
    #[error("{}:{line}: site configuration: {message}", path.display())]
    Config {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: already exists; not overwritten", .0.display())]
    Exists(PathBuf),
    #[error(
        "not inside a Hugo, Jekyll or Hexo blog (looked for its config in {}); give the blog's folder with --blog DIR",
        .0.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    NoBlogFound(Vec<PathBuf>),
    #[error("{}: open in {by}; two writing one blog would overwrite each other, so nothing was written (close it, or wait for it)", root.display())]
    InUse { root: PathBuf, by: String },
    #[error("{}: outside the blog folder", .0.display())]
    OutsideBlog(PathBuf),
    #[error("{path}: refused: {reason}; nothing was read or written")]
    Refused { path: String, reason: &'static str },
    #[error("{0}")]
    Invalid(String),
    #[error("{}: changed since the operation was planned; nothing was written", .0.display())]
    Changed(PathBuf),
    #[error("{}: the new text ({new} bytes) is much shorter than the file ({old} bytes); not saved without confirmation", path.display())]
    WouldShrink {
        path: PathBuf,
        old: usize,
        new: usize,
    },
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A short machine-readable name of the variant, for the app's error codes.
    pub fn code(&self) -> &'static str {
        match self {
            Error::MissingFolder(_) => "missing_folder",
            Error::NotABlog(_) | Error::NoBlogFound(_) => "not_a_blog",
            Error::Io { .. } => "io",
            Error::InvalidUtf8 { .. } => "invalid_utf8",
            Error::FrontMatter { .. } => "front_matter",
            Error::Config { .. } => "config",
            Error::Exists(_) => "exists",
            Error::OutsideBlog(_) => "outside_blog",
            Error::Refused { .. } => "refused",
            Error::InUse { .. } => "blog_in_use",
            Error::Invalid(_) => "invalid",
            Error::Changed(_) => "changed",
            Error::WouldShrink { .. } => "would_shrink",
        }
    }
}
