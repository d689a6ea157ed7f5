//! The one way Inkstone writes a file: a temp file in the same folder, fsync, rename over the
//! target, fsync the folder. A crash leaves the old file or the new one, never a mix.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Replaces (or creates) `path` with `contents` atomically, keeping the file's permissions.
pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, contents)?;
    sync_dir(parent(path));
    Ok(())
}

/// How many files [`write_all`] writes at once. Each write waits on its own fsync; while one
/// waits the others go on, and the file system commits the waiting ones together (ext4: one
/// journal commit for many files). Writing the 2,349 posts of a tag rename on this machine's
/// disk: 1.29 s one at a time, 0.77 s eight at a time (medians of 12).
const WRITERS: usize = 8;

/// Replaces several files, each atomically, [`WRITERS`] at a time, in no set order; their
/// folders are synced once at the end (what makes a rename durable), not after every file.
/// For operations that a journal can finish: on an error the files not yet replaced are left
/// as they were, and the first error is returned.
pub fn write_all(files: &[(&Path, &[u8])]) -> Result<()> {
    crate::par::runs(files, WRITERS, |part| {
        part.iter()
            .try_for_each(|(path, contents)| replace(path, contents))
    })
    .into_iter()
    .collect::<Result<()>>()?;
    let mut dirs: Vec<&Path> = Vec::new();
    for (path, _) in files {
        let dir = parent(path);
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    for dir in dirs {
        sync_dir(dir);
    }
    Ok(())
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Temp file in the same folder, fsync, rename over the target.
fn replace(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = parent(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".inkstone-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(contents).map_err(|e| Error::io(path, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Best effort: a file system without permissions (FAT) still gets the content.
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Refuses to replace a non-empty file with an empty text, or a sizeable one with less than
/// half of it: the kind of write that loses a post (an editor bug, a failed load). The caller
/// asks the user and passes `force` to go ahead.
pub fn check_shrink(path: &Path, new: &str, force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    let Ok(old) = std::fs::read(path) else {
        return Ok(());
    };
    let old_text = String::from_utf8_lossy(&old);
    let emptied = !old_text.trim().is_empty() && new.trim().is_empty();
    let halved = old.len() > 400 && new.len() * 2 < old.len();
    if emptied || halved {
        return Err(Error::WouldShrink {
            path: path.to_path_buf(),
            old: old.len(),
            new: new.len(),
        });
    }
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

#[cfg(test)]
mod tests {
    #[test]
    fn emptying_or_halving_a_file_needs_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(&path, "x".repeat(1000)).unwrap();
        assert!(matches!(
            super::check_shrink(&path, "  \n", false),
            Err(crate::Error::WouldShrink { .. })
        ));
        assert!(super::check_shrink(&path, &"x".repeat(400), false).is_err());
        assert!(super::check_shrink(&path, &"x".repeat(600), false).is_ok());
        assert!(super::check_shrink(&path, "", true).is_ok());
        assert!(super::check_shrink(&dir.path().join("new.md"), "", false).is_ok());
    }

    use super::*;

    #[test]
    fn replaces_whole_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("post.md");
        write(&file, b"first").unwrap();
        write(&file, "第二版 second".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "第二版 second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["post.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("script.md");
        std::fs::write(&file, "x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&file, b"y").unwrap();
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn missing_folder_is_an_error_naming_it() {
        let e = write(Path::new("/definitely/not/here/post.md"), b"x").unwrap_err();
        assert!(e.to_string().contains("/definitely/not/here"), "{e}");
    }
}
