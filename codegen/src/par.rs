//! Work spread over the machine's cores with results in input order, so output does not
//! depend on scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The number of threads worth starting for `items` items.
pub(crate) fn threads(items: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items)
        .max(1)
}

/// `f` over `items` on every core, results in input order. Threads take the next item as
/// they become free, so a few large items do not leave a core idle.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads(items.len());
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    gather(threads, || {
        claim(&next, items).map(|(i, item)| (i, f(item))).collect()
    })
}

/// The items of `items` not yet claimed by any thread sharing `next`, each with its index,
/// one at a time: how a thread takes its next piece of work.
pub(crate) fn claim<'a, T>(
    next: &'a AtomicUsize,
    items: &'a [T],
) -> impl Iterator<Item = (usize, &'a T)> + 'a {
    std::iter::from_fn(move || {
        let i = next.fetch_add(1, Ordering::Relaxed);
        items.get(i).map(|item| (i, item))
    })
}

/// Runs `work` on `threads` scoped threads and returns what they produced, put back in the
/// order of the indices they gave it; a thread's panic is the caller's.
pub(crate) fn gather<R: Send>(threads: usize, work: impl Fn() -> Vec<(usize, R)> + Sync) -> Vec<R> {
    let work = &work;
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_input_order() {
        let items: Vec<u64> = (0..1000).collect();
        let out = super::map(&items, |i| i * 2);
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |_| 0).is_empty());
    }
}
