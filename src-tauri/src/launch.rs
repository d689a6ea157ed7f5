//! What the app was started with: `inkstone-app [PATH]`, where PATH is a blog folder or a post
//! inside one (the file manager's *Open with* passes a path or a `file://` URI); a Markdown
//! file in no blog opens alone, with the blog's features off. A second
//! launch hands its arguments to the window already running (the single-instance plugin) and
//! exits; that window opens what it was given and comes to the front.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use inkstone_content::Blog;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Url};
use ts_rs::TS;

use crate::error::CommandError;
use crate::state::relock;

/// A blog to open, and the post in it to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    /// The blog's root; for a file opened alone, the file itself.
    pub blog: PathBuf,
    /// Blog-relative, with `/` separators.
    pub post: Option<String>,
    /// A Markdown file in no blog, opened alone (`blog` is the file).
    pub alone: bool,
}

/// What a second launch asked the running window for.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Handover {
    /// The blog to open (the page opens it with `blog_open`, which accepts it once).
    pub root: Option<String>,
    /// The post in it to show.
    pub post: Option<String>,
    /// Why the path given cannot be opened.
    pub error: Option<String>,
}

/// What second launches handed over. Managed from the app's first moment, before the
/// single-instance plugin listens: a launch can come before `setup` has made the rest of the
/// state, and before the page listens (the page takes it when it can, `blog_handover`).
#[derive(Default)]
pub struct Handovers {
    /// The last one, until the page takes it; of two, the later wins.
    waiting: Mutex<Option<Handover>>,
    /// The blog (or file opened alone) of the one taken, until `blog_open` takes it.
    granted: Mutex<Option<String>>,
}

impl Handovers {
    fn put(&self, handover: Handover) {
        *relock(&self.waiting, || None) = Some(handover);
    }

    /// The waiting handover, once; what it names to open is then accepted by `accepts` once.
    pub fn take(&self) -> Option<Handover> {
        let handover = relock(&self.waiting, || None).take()?;
        *relock(&self.granted, || None) = handover.root.clone();
        Some(handover)
    }

    /// Whether `path` is what the handover last taken named; the grant is used up either way
    /// (a blog opened since, picked or recent, ends it).
    pub fn accepts(&self, path: &str) -> bool {
        relock(&self.granted, || None).take().as_deref() == Some(path)
    }
}

/// The path among `args` (the program's name first, then its arguments), relative to `cwd`;
/// options (`-…`) are skipped. `None` when there is none, or when it is relative and `cwd` is
/// not known.
pub fn path_arg(args: &[OsString], cwd: &Path) -> Option<PathBuf> {
    let arg = args
        .iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))?;
    let path = match arg.to_str().map(Url::parse) {
        Some(Ok(url)) if url.scheme() == "file" => url.to_file_path().ok()?,
        _ => PathBuf::from(arg),
    };
    if path.is_absolute() {
        Some(path)
    } else if cwd.as_os_str().is_empty() {
        None
    } else {
        Some(cwd.join(path))
    }
}

/// Finds the blog `path` belongs to: a folder is the blog (or inside it), a file is a post of
/// the blog it sits in (looking up through its folders for the generator's config).
pub fn resolve(path: &Path) -> Result<Launch, CommandError> {
    let file = dunce::canonicalize(path)
        .map_err(|e| CommandError::new("io", format!("{}: {e}", path.display())))?;
    let is_dir = file.is_dir();
    let folder = if is_dir {
        file.as_path()
    } else {
        file.parent().unwrap_or(&file)
    };
    let blog = match Blog::find(folder) {
        Ok(blog) => blog,
        // A Markdown file of no blog is still worth editing: alone. So is one below a config
        // that cannot be read (a README beside a Kubernetes `config.yaml`, or a blog with a
        // typo in its config): the window says why (see `open_alone`).
        Err(_) if !is_dir && Blog::alone(&file).is_ok() => {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            return Ok(Launch {
                blog: file,
                post: name,
                alone: true,
            });
        }
        Err(inkstone_content::Error::NoBlogFound(_)) => {
            return Err(CommandError::new(
                "not_a_blog",
                format!(
                    "{}: not inside a Hugo, Jekyll or Hexo blog (no site config in its folder or any above it)",
                    path.display()
                ),
            ));
        }
        // A blog that cannot be opened (its config does not parse): said as it is.
        Err(e) => return Err(e.into()),
    };
    let rel = file
        .strip_prefix(blog.root())
        .ok()
        .map(|r| {
            r.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .ok_or_else(|| {
            CommandError::new("refused", format!("{}: outside the blog", path.display()))
        })?;
    // Only a post can be opened as one; anything else (a config file, an image, a folder)
    // opens the blog.
    let post = (!is_dir && blog.post_paths().contains(&rel)).then_some(rel);
    Ok(Launch {
        blog: blog.root().to_path_buf(),
        post,
        alone: false,
    })
}

/// The window's answer to a second launch: comes to the front, and opens what it was given.
pub fn handed_over(app: &AppHandle, args: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let args: Vec<OsString> = args.into_iter().map(OsString::from).collect();
    let Some(path) = path_arg(&args, Path::new(&cwd)) else {
        return;
    };
    let app = app.clone();
    // Finding the blog reads folders: not on the event loop that called us.
    tauri::async_runtime::spawn_blocking(move || {
        let handover = match resolve(&path) {
            Ok(launch) => Handover {
                root: Some(dunce::simplified(&launch.blog).display().to_string()),
                post: launch.post,
                error: None,
            },
            Err(e) => Handover {
                root: None,
                post: None,
                error: Some(e.message),
            },
        };
        // Kept until the page takes it (`blog_handover`): a launch that comes before the page
        // listens, or while it opens its first blog, is not lost.
        app.state::<Handovers>().put(handover);
        let _ = app.emit("open-requested", ());
    });
}

/// The D-Bus name of the single-instance plugin (Linux): one app per user, or per data folder
/// when `INKSTONE_DATA_DIR` gives one (each test's app is its own user).
pub fn instance_id(identifier: &str) -> String {
    match std::env::var_os("INKSTONE_DATA_DIR") {
        Some(dir) => {
            use std::hash::Hasher;
            let mut h = fnv::FnvHasher::default();
            h.write(dir.to_string_lossy().as_bytes());
            format!("{identifier}.d{:016x}", h.finish())
        }
        None => identifier.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(root: &str) -> Handover {
        Handover {
            root: Some(root.into()),
            post: None,
            error: None,
        }
    }

    #[test]
    fn a_handover_waits_to_be_taken_once_and_lets_its_blog_open_once() {
        let h = Handovers::default();
        assert!(h.take().is_none());
        assert!(
            !h.accepts("/blogs/a"),
            "nothing handed over, nothing accepted"
        );
        // Two launches before the page takes any: the later wins.
        h.put(to("/blogs/a"));
        h.put(to("/blogs/b"));
        assert_eq!(h.take().and_then(|x| x.root).as_deref(), Some("/blogs/b"));
        assert!(h.take().is_none(), "taken once");
        assert!(h.accepts("/blogs/b"));
        assert!(!h.accepts("/blogs/b"), "accepted once");
        // Another folder opened meanwhile ends the grant.
        h.put(to("/blogs/c"));
        h.take();
        assert!(!h.accepts("/blogs/elsewhere"));
        assert!(!h.accepts("/blogs/c"));
    }

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_path_is_the_first_argument_that_is_not_an_option() {
        let cwd = Path::new("/home/u");
        assert_eq!(path_arg(&args(&["inkstone-app"]), cwd), None);
        assert_eq!(
            path_arg(&args(&["inkstone-app", "--x", "blog/a.md"]), cwd),
            Some(PathBuf::from("/home/u/blog/a.md"))
        );
        assert_eq!(
            path_arg(&args(&["inkstone-app", "/srv/blog"]), cwd),
            Some(PathBuf::from("/srv/blog"))
        );
        #[cfg(unix)]
        assert_eq!(
            path_arg(&args(&["inkstone-app", "file:///srv/my%20blog/a.md"]), cwd),
            Some(PathBuf::from("/srv/my blog/a.md"))
        );
        // A relative path from a second launch whose folder is unknown is not guessed.
        assert_eq!(
            path_arg(&args(&["inkstone-app", "a.md"]), Path::new("")),
            None
        );
    }

    /// A README beside a config that is no blog's (a Kubernetes `config.yaml` of several
    /// documents) still opens, alone; the folder itself is refused with that config's error.
    #[test]
    fn a_markdown_file_below_an_unreadable_config_opens_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("deploy");
        std::fs::create_dir_all(&repo).unwrap();
        std::fs::write(
            repo.join("config.yaml"),
            "kind: ConfigMap\n---\nkind: Service\n",
        )
        .unwrap();
        std::fs::write(repo.join("README.md"), "# Deploy\n").unwrap();
        let readme = resolve(&repo.join("README.md")).unwrap();
        assert!(readme.alone);
        assert_eq!(readme.post.as_deref(), Some("README.md"));
        let err = resolve(&repo).unwrap_err();
        assert!(err.message.contains("config.yaml"), "{}", err.message);
    }

    #[test]
    fn a_post_opens_in_its_blog_and_a_folder_is_the_blog() {
        let tmp = tempfile::tempdir().unwrap();
        let blog = tmp.path().join("blog");
        std::fs::create_dir_all(blog.join("content/posts")).unwrap();
        std::fs::write(blog.join("hugo.toml"), "title = 't'\n").unwrap();
        std::fs::write(
            blog.join("content/posts/a.md"),
            "---\ntitle: A\n---\nbody\n",
        )
        .unwrap();
        let post = resolve(&blog.join("content/posts/a.md")).unwrap();
        assert_eq!(post.blog, dunce::canonicalize(&blog).unwrap());
        assert_eq!(post.post.as_deref(), Some("content/posts/a.md"));
        let root = dunce::canonicalize(&blog).unwrap();
        let folder = resolve(&blog).unwrap();
        assert_eq!((folder.blog, folder.post), (root.clone(), None));
        // A folder inside the blog, or the blog named with `.`, is the blog.
        assert_eq!(resolve(&blog.join("content/posts")).unwrap().blog, root);
        assert_eq!(resolve(&blog.join("content/..")).unwrap().blog, root);
        // Not a post: the blog opens, nothing is shown as a post.
        let config = resolve(&blog.join("hugo.toml")).unwrap();
        assert_eq!(config.post, None);
        // A Markdown file in no blog opens alone; anything else there is no blog.
        let lone = tmp.path().join("lone.md");
        std::fs::write(&lone, "# alone\n").unwrap();
        let alone = resolve(&lone).unwrap();
        assert!(alone.alone);
        assert_eq!(alone.blog, dunce::canonicalize(&lone).unwrap());
        assert_eq!(alone.post.as_deref(), Some("lone.md"));
        let text = tmp.path().join("notes.txt");
        std::fs::write(&text, "not markdown\n").unwrap();
        let err = resolve(&text).unwrap_err();
        assert_eq!(err.code, "not_a_blog");
        assert!(err.message.contains("notes.txt"), "{}", err.message);
        let err = resolve(&tmp.path().join("missing.md")).unwrap_err();
        assert!(err.message.contains("missing.md"), "{}", err.message);
    }

    #[test]
    fn each_data_folder_is_its_own_instance() {
        // Read once here: the variable is set by the test runner's environment or not at all.
        let id = instance_id("app.inkstone.desktop");
        assert!(id.starts_with("app.inkstone.desktop"), "{id}");
        assert!(
            id.split('.')
                .all(|e| !e.is_empty() && !e.starts_with(|c: char| c.is_ascii_digit())),
            "a valid D-Bus name: {id}"
        );
    }
}
