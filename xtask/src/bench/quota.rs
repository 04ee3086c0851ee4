//! Taking and giving back a quota slot, alone and with 64 tasks on two threads, against a
//! `tokio::sync::Semaphore` permit taken and given back the same way.
//!
//! Each batch of [`BATCH`] acquisitions uses a fresh limiter with exactly that many slots,
//! so none waits for a slot to cool down: the figures are the bookkeeping alone.

use std::sync::Arc;

use tencentcloud_runtime::{RateLimiter, RequestQuota};
use tokio::runtime::Runtime;
use tokio::sync::Semaphore;

use super::measure;

/// Acquisitions per measured batch.
const BATCH: u32 = 1024;
/// Tasks taking slots at once in the contended case.
pub const TASKS: u32 = 64;

/// Nanoseconds per acquisition and release: (ours, semaphore) alone, then (ours, semaphore)
/// with [`TASKS`] tasks on two threads.
pub struct QuotaFigures {
    pub uncontended: (f64, f64),
    pub contended: (f64, f64),
}

pub fn measure() -> QuotaFigures {
    let single = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime builds");
    let pair = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .expect("a two-thread runtime builds");

    let per_acquisition =
        |(semaphore, ours): (f64, f64)| (ours / f64::from(BATCH), semaphore / f64::from(BATCH));
    QuotaFigures {
        uncontended: per_acquisition(measure::paired_ns_per_op(
            || semaphore_batch(&single, 1),
            || limiter_batch(&single, 1),
        )),
        contended: per_acquisition(measure::paired_ns_per_op(
            || semaphore_batch(&pair, TASKS),
            || limiter_batch(&pair, TASKS),
        )),
    }
}

fn limiter_batch(runtime: &Runtime, tasks: u32) -> Arc<RateLimiter> {
    let limiter = Arc::new(RateLimiter::new(RequestQuota { per_second: BATCH }));
    let per_task = BATCH / tasks;
    runtime.block_on(async {
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                let limiter = Arc::clone(&limiter);
                tokio::spawn(async move {
                    for _ in 0..per_task {
                        drop(std::hint::black_box(limiter.acquire().await));
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.await.expect("an acquiring task finishes");
        }
    });
    limiter
}

fn semaphore_batch(runtime: &Runtime, tasks: u32) -> Arc<Semaphore> {
    let semaphore = Arc::new(Semaphore::new(BATCH as usize));
    let per_task = BATCH / tasks;
    runtime.block_on(async {
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                let semaphore = Arc::clone(&semaphore);
                tokio::spawn(async move {
                    for _ in 0..per_task {
                        let permit = semaphore.acquire().await.expect("the semaphore is open");
                        drop(std::hint::black_box(permit));
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.await.expect("an acquiring task finishes");
        }
    });
    semaphore
}
