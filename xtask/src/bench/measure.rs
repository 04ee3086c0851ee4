//! Timing one operation in this process: calibrate a round, run several, keep the fastest;
//! a subject and its baseline are timed in alternating rounds.
//!
//! The fastest round, not the median: on a shared machine other work only ever adds time to
//! a round of pure computation, so the fastest round is the closest to the code's own cost.
//!
//! The peers' driver scripts follow the same recipe (see `xtask/bench/peer_*`), so figures
//! from the three languages are taken the same way.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// How long one measured round should take at least.
const ROUND: Duration = Duration::from_millis(60);

/// Rounds per figure; the fastest is reported.
const ROUNDS: usize = 15;

/// Nanoseconds per call of `operation`: the fastest of [`ROUNDS`] rounds of a calibrated
/// number of calls each.
pub fn ns_per_op<T>(mut operation: impl FnMut() -> T) -> f64 {
    let calls = calibrate(&mut operation);
    (0..ROUNDS)
        .map(|_| time_calls(&mut operation, calls).as_nanos() as f64 / calls as f64)
        .fold(f64::INFINITY, f64::min)
}

/// Nanoseconds per call of `baseline` and of `subject`, their rounds alternating so that a
/// busy moment of a shared machine falls on both: each the fastest of [`ROUNDS`] rounds.
pub fn paired_ns_per_op<A, B>(
    mut baseline: impl FnMut() -> A,
    mut subject: impl FnMut() -> B,
) -> (f64, f64) {
    let baseline_calls = calibrate(&mut baseline);
    let subject_calls = calibrate(&mut subject);

    let (mut baseline_best, mut subject_best) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..ROUNDS {
        let elapsed = time_calls(&mut baseline, baseline_calls);
        baseline_best = baseline_best.min(elapsed.as_nanos() as f64 / baseline_calls as f64);
        let elapsed = time_calls(&mut subject, subject_calls);
        subject_best = subject_best.min(elapsed.as_nanos() as f64 / subject_calls as f64);
    }
    (baseline_best, subject_best)
}

/// Doubles the number of calls until a round takes [`ROUND`]; the doubling warms up too.
fn calibrate<T>(operation: &mut impl FnMut() -> T) -> u64 {
    let mut calls: u64 = 1;
    while time_calls(operation, calls) < ROUND {
        calls = calls.saturating_mul(2);
    }
    calls
}

fn time_calls<T>(operation: &mut impl FnMut() -> T, calls: u64) -> Duration {
    let started = Instant::now();
    for _ in 0..calls {
        black_box(operation());
    }
    started.elapsed()
}

/// The median of `values` (sorted in place); 0 for none.
pub fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The value below which `fraction` of the sorted `values` lie (nearest rank); 0 for none.
pub fn percentile(sorted: &[u64], fraction: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (fraction * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let values: Vec<u64> = (1..=100).collect();
        let cases: &[(f64, u64)] = &[(0.0, 1), (0.5, 50), (0.99, 99), (1.0, 100)];
        for &(fraction, expected) in cases {
            assert_eq!(percentile(&values, fraction), expected, "{fraction}");
        }
        assert_eq!(percentile(&[], 0.5), 0);
        assert_eq!(percentile(&[7], 0.99), 7);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 3.0);
        assert_eq!(median(&mut []), 0.0);
    }
}
