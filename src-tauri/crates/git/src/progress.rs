//! Progress of a publish, reported through a callback to the CLI's stderr or the app's channel.

use serde::Serialize;

/// One step of a publish. Counts are git objects; bytes are what went over the wire.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Progress {
    Fetching {
        objects: usize,
        total: usize,
        bytes: usize,
    },
    /// A clone writing the files of the branch.
    CheckingOut {
        files: usize,
        total: usize,
    },
    Committing,
    Rebasing {
        commits: usize,
    },
    Pushing {
        objects: usize,
        total: usize,
        bytes: usize,
    },
    Done,
}

/// Where progress goes; `&|_| {}` ignores it.
pub type OnProgress<'a> = &'a (dyn Fn(Progress) + Sync);
