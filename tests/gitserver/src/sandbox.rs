//! The git sandbox: a temp HOME with its own .gitconfig and the environment that keeps the
//! developer's git/ssh configuration, credential helpers and prompts out of child processes.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// Variables removed from every child so that the outer environment cannot redirect git,
/// ssh or the credential machinery.
const SCRUBBED: &str = "GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_CONFIG \
    GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT GIT_SSH GIT_SSH_COMMAND GIT_SSL_CAINFO GIT_SSL_NO_VERIFY \
    SSH_AUTH_SOCK SSH_AGENT_PID DBUS_SESSION_BUS_ADDRESS http_proxy https_proxy HTTP_PROXY \
    HTTPS_PROXY ALL_PROXY all_proxy";

/// A sandbox for git: a temp HOME with its own .gitconfig (user.name/email set,
/// init.defaultBranch=main) and bare repositories under `<root>/srv`.
///
/// Apply [`Sandbox::env`] (or use [`Sandbox::command`], which also removes variables such
/// as `SSH_AUTH_SOCK` and `GIT_DIR`) to every child process so that the developer's
/// ~/.gitconfig, agent and askpass helpers never leak in. Note that `ssh` reads
/// `~/.ssh/config` of the *passwd* home, not `$HOME`: pass `-F none` to it.
pub struct Sandbox {
    /// Deleted on drop.
    pub root: TempDir,
    /// `<root>/home`, with `.gitconfig`.
    pub home: PathBuf,
    /// `<root>/srv`, where [`Sandbox::bare_repo`] creates repositories.
    pub srv: PathBuf,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let root = tempfile::Builder::new()
            .prefix("inkstone-git-")
            .tempdir()
            .expect("temp dir");
        let home = root.path().join("home");
        let srv = root.path().join("srv");
        std::fs::create_dir_all(home.join(".config")).expect("create home");
        std::fs::create_dir_all(&srv).expect("create srv");
        std::fs::write(
            home.join(".gitconfig"),
            "[user]\n\tname = Inkstone Test\n\temail = test@inkstone.invalid\n\
             [init]\n\tdefaultBranch = main\n[credential]\n\thelper =\n",
        )
        .expect("write .gitconfig");
        Sandbox { root, home, srv }
    }

    /// Environment to apply with `Command::envs`.
    pub fn env(&self) -> Vec<(String, String)> {
        let home = self.home.display().to_string();
        [
            ("HOME", home.clone()),
            ("XDG_CONFIG_HOME", format!("{home}/.config")),
            ("XDG_DATA_HOME", format!("{home}/.local/share")),
            ("GIT_CONFIG_NOSYSTEM", "1".into()),
            ("GIT_CONFIG_GLOBAL", format!("{home}/.gitconfig")),
            ("GIT_TERMINAL_PROMPT", "0".into()),
            ("GIT_ASKPASS", String::new()),
            ("SSH_ASKPASS", String::new()),
            ("SSH_ASKPASS_REQUIRE", "never".into()),
            ("LC_ALL", "C".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// A command with [`Sandbox::env`] applied and outer git/ssh variables removed.
    pub fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        for var in SCRUBBED.split_whitespace() {
            cmd.env_remove(var);
        }
        cmd.envs(self.env());
        cmd
    }

    /// Runs the `git` CLI in `dir`; panics with stderr on failure, returns stdout.
    pub fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = crate::run(self.command("git").current_dir(dir).args(args));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `git init --bare -b main <root>/srv/<name>.git` with `http.receivepack` enabled.
    pub fn bare_repo(&self, name: &str) -> PathBuf {
        let bare = self.srv.join(format!("{name}.git"));
        let path = bare.to_str().expect("utf-8 path");
        self.git(&self.srv, &["init", "-q", "--bare", "-b", "main", path]);
        self.git(&bare, &["config", "http.receivepack", "true"]);
        bare
    }

    /// Installs a pre-receive hook that prints `message` to stderr and refuses every push.
    pub fn reject_pushes(&self, bare: &Path, message: &str) {
        let script = format!(
            "#!/bin/sh\nprintf '%s\\n' {} >&2\nexit 1\n",
            crate::sh_quote(message)
        );
        crate::write_script(&bare.join("hooks/pre-receive"), &script);
    }
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}
