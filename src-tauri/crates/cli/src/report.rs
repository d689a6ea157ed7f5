//! How the CLI ends: its exit codes, an error as one line on standard error, a closed pipe as
//! quiet, and a panic as a bug report line instead of a backtrace.

use std::io::Write;
use std::process::ExitCode;

/// The version, with the git commit it was built from (`0.1.0 (a1b2c3d)`).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("INKSTONE_COMMIT"),
    ")"
);

/// The exit codes, as `--help` and the README state them.
pub const EXIT_CODES: &str = "\
Exit status:
  0    done
  1    the command ran and found or hit a problem (a refused path, a failed publish,
       a post that cannot be read); the reason is one line on standard error
  2    usage error: an unknown command or option, a missing argument
  101  a bug in inkstone (reported as one line; please file it)
  141  standard output was closed early (`inkstone list | head -1`); nothing is printed";

/// Exit status for a closed pipe: what a shell reports for a process ended by SIGPIPE.
const BROKEN_PIPE: u8 = 141;

/// Whether `e` is, somewhere in its chain, a write to a closed pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

/// The error's chain as one line: each cause once, where a cause that its parent's message
/// already quotes is not repeated (`x.md: No such file…: No such file…`).
pub fn one_line(e: &anyhow::Error, verbose: bool) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string().replace('\n', " ");
        if !verbose && line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// `inkstone check` found problems: exit status 1, after the findings were printed.
#[derive(Debug)]
pub struct Findings(pub usize);

impl std::fmt::Display for Findings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} problem(s) found", self.0)
    }
}

impl std::error::Error for Findings {}

/// The site did not deploy (`publish --wait`, `status`): exit status 1, after the failing
/// step was printed.
#[derive(Debug)]
pub struct DeployFailed(pub String);

impl std::fmt::Display for DeployFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the site did not deploy: {}", self.0)
    }
}

impl std::error::Error for DeployFailed {}

/// The exit code for the outcome of a command, having said why on standard error.
pub fn finish(result: anyhow::Result<()>, verbose: bool) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::from(BROKEN_PIPE),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "inkstone: {}", one_line(&e, verbose));
            if verbose {
                let _ = writeln!(std::io::stderr(), "inkstone: details: {e:?}");
            }
            ExitCode::FAILURE
        }
    }
}

/// A panic prints one line that says it is a bug, with the version and where; the backtrace
/// only with `--verbose` or `RUST_BACKTRACE`.
pub fn install_panic_hook(verbose: bool) {
    if verbose || std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "inkstone: a bug in inkstone {VERSION}: {message}{place}; please report it with the command you ran (--verbose shows a backtrace)"
        );
    }));
}
