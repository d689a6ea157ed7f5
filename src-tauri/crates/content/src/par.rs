//! Work shared among threads, in order: reading every post of a blog (parsing 10,000 posts is
//! CPU work: YAML, TOML) and writing many files at once (each waits on its own fsync).

/// Below this many items one thread does it all: starting threads costs more than it saves.
const ALONE: usize = 256;

/// `f` over every item, on up to eight threads (no more than the cores) each taking a run of
/// items, with the results in the items' order. A panic in `f` is passed on.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    if threads < 2 || items.len() < ALONE {
        return items.iter().map(f).collect();
    }
    runs(items, threads, |run| run.iter().map(&f).collect::<Vec<R>>())
        .into_iter()
        .flatten()
        .collect()
}

/// `f` over `items` cut into up to `threads` runs (in order, of about equal length), each on a
/// thread of its own; one run is done on this thread. The runs' results in order; a panic in
/// `f` is passed on.
pub(crate) fn runs<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let share = items.len().div_ceil(threads.max(1)).max(1);
    if items.len() <= share {
        return vec![f(items)];
    }
    let f = &f;
    std::thread::scope(|scope| {
        let runs: Vec<_> = items
            .chunks(share)
            .map(|run| scope.spawn(move || f(run)))
            .collect();
        runs.into_iter()
            .map(|run| {
                run.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_items_on_any_number_of_threads() {
        for n in [0, 1, 255, 256, 257, 1000, 10_001] {
            let items: Vec<usize> = (0..n).collect();
            let out = super::map(&items, |i| i * 2);
            assert_eq!(out, (0..n).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn runs_cover_every_item_once_in_order() {
        for (n, threads) in [(0, 8), (1, 8), (7, 8), (8, 8), (2349, 8), (10, 1), (10, 0)] {
            let items: Vec<usize> = (0..n).collect();
            let runs = super::runs(&items, threads, <[usize]>::to_vec);
            assert!(runs.len() <= threads.max(1), "{n} items, {threads} threads");
            assert_eq!(runs.concat(), items);
        }
    }
}
