//! Client-side request quota: callers wait for a slot instead of failing.
//!
//! A limiter has `per_second` slots. A request takes a slot when it starts and gives it back
//! one second after it completes. Each slot therefore starts at most one request in any
//! one-second window as the server sees it, however long requests take, so the server never
//! sees more than `per_second` requests in a window. With fast responses a saturating caller
//! still gets close to the whole quota. Waiters are served in arrival order, so under
//! overload every caller waits about as long as the queue ahead of it, never longer.
//!
//! Limiters live in a process-wide registry keyed by SecretId, service, action and quota, so
//! clones of a client and separate clients using the same SecretId share them.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use crate::spec::RequestQuota;

/// How long a slot stays taken after its request completes.
pub const WINDOW: Duration = Duration::from_secs(1);

/// Waits until a request may start under a per-second quota.
#[derive(Debug)]
pub struct RateLimiter {
    slots: usize,
    state: Mutex<State>,
    released: Notify,
}

#[derive(Debug, Default)]
struct State {
    /// Requests started and not yet completed.
    in_flight: usize,
    /// When slots of completed requests become free again, earliest first.
    cooling: VecDeque<Instant>,
    /// Tickets of the callers waiting for a slot, in arrival order.
    queue: VecDeque<u64>,
    /// The ticket the next caller gets.
    next_ticket: u64,
}

impl State {
    fn free_cooled(&mut self, now: Instant) {
        while self.cooling.front().is_some_and(|&until| until <= now) {
            self.cooling.pop_front();
        }
    }
}

impl RateLimiter {
    /// A limiter allowing `quota.per_second` requests in any one-second window (at least one).
    pub fn new(quota: RequestQuota) -> Self {
        RateLimiter {
            slots: quota.per_second.max(1) as usize,
            state: Mutex::new(State::default()),
            released: Notify::new(),
        }
    }

    /// Waits for a free slot, behind the callers that started waiting earlier. The slot is
    /// held until the returned guard is dropped, and stays taken for one second after that.
    /// A caller that stops waiting takes nothing and leaves the queue.
    pub async fn acquire(self: &Arc<Self>) -> RateLimitSlot {
        let mut place = QueuePlace {
            limiter: self,
            ticket: None,
        };

        loop {
            let notified = self.released.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();

            let next_free = {
                let mut state = self.lock();
                let ticket = *place.ticket.get_or_insert_with(|| {
                    let ticket = state.next_ticket;
                    state.next_ticket += 1;
                    state.queue.push_back(ticket);
                    ticket
                });

                state.free_cooled(Instant::now());
                let free = state.in_flight + state.cooling.len() < self.slots;
                if free && state.queue.front() == Some(&ticket) {
                    state.queue.pop_front();
                    state.in_flight += 1;
                    place.ticket = None;
                    drop(state);

                    // The next in line may find a slot free too.
                    self.released.notify_waiters();
                    return RateLimitSlot {
                        limiter: Arc::clone(self),
                    };
                }
                state.cooling.front().copied().filter(|_| !free)
            };

            match next_free {
                Some(until) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(until) => {}
                        () = &mut notified => {}
                    }
                }
                None => notified.await,
            }
        }
    }

    fn release(&self) {
        let mut state = self.lock();
        state.in_flight -= 1;
        state.cooling.push_back(Instant::now() + WINDOW);
        drop(state);

        // Waiters with nothing cooling sleep until a completion gives them a time to wait for.
        self.released.notify_waiters();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A caller's place in the queue; leaving it (by giving up) lets the next caller move up.
struct QueuePlace<'a> {
    limiter: &'a RateLimiter,
    ticket: Option<u64>,
}

impl Drop for QueuePlace<'_> {
    fn drop(&mut self) {
        let Some(ticket) = self.ticket else {
            return;
        };
        let mut state = self.limiter.lock();
        state.queue.retain(|&waiting| waiting != ticket);
        drop(state);
        self.limiter.released.notify_waiters();
    }
}

/// A taken slot; dropping it (when the request completes or is abandoned) starts its
/// one-second cool-down.
#[derive(Debug)]
pub struct RateLimitSlot {
    limiter: Arc<RateLimiter>,
}

impl Drop for RateLimitSlot {
    fn drop(&mut self) {
        self.limiter.release();
    }
}

type Key = (String, &'static str, &'static str, u32);

/// The process-wide limiter of `action` of `service` for `secret_id`.
///
// Limitation: limiters are never removed, so a process cycling through very many SecretIds
// keeps one small limiter per SecretId and action.
pub fn shared(
    secret_id: &str,
    service: &'static str,
    action: &'static str,
    quota: RequestQuota,
) -> Arc<RateLimiter> {
    static REGISTRY: OnceLock<Mutex<HashMap<Key, Arc<RateLimiter>>>> = OnceLock::new();

    let registry = REGISTRY.get_or_init(Default::default);
    let mut limiters = registry
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let key = (secret_id.to_owned(), service, action, quota.per_second);
    Arc::clone(
        limiters
            .entry(key)
            .or_insert_with(|| Arc::new(RateLimiter::new(quota))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(per_second: u32) -> Arc<RateLimiter> {
        Arc::new(RateLimiter::new(RequestQuota { per_second }))
    }

    #[tokio::test(start_paused = true)]
    async fn slot_frees_one_window_after_release() {
        let limiter = limiter(1);
        let start = Instant::now();

        let slot = limiter.acquire().await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        drop(slot);
        let _second = limiter.acquire().await;

        assert_eq!(start.elapsed(), Duration::from_millis(1_300));
    }

    #[tokio::test(start_paused = true)]
    async fn held_slots_make_callers_wait_until_release() {
        let limiter = limiter(2);
        let start = Instant::now();
        let first = limiter.acquire().await;
        let _second = limiter.acquire().await;

        let waiter = tokio::spawn({
            let limiter = limiter.clone();
            async move {
                let _slot = limiter.acquire().await;
                Instant::now()
            }
        });
        tokio::time::sleep(Duration::from_secs(5)).await;
        drop(first);

        assert_eq!(waiter.await.unwrap() - start, Duration::from_secs(6));
    }

    #[tokio::test(start_paused = true)]
    async fn abandoned_waiters_take_nothing() {
        let limiter = limiter(1);
        let held = limiter.acquire().await;

        let gave_up = tokio::time::timeout(Duration::from_millis(100), limiter.acquire()).await;
        assert!(gave_up.is_err());
        drop(held);

        let start = Instant::now();
        let _slot = limiter.acquire().await;
        assert_eq!(start.elapsed(), WINDOW);
    }

    #[tokio::test(start_paused = true)]
    async fn waiters_are_served_in_arrival_order() {
        let limiter = limiter(2);
        let start = Instant::now();
        let first = limiter.acquire().await;
        let _second = limiter.acquire().await;

        let served = Arc::new(Mutex::new(Vec::new()));
        let mut waiters = Vec::new();
        for caller in 0..6 {
            let (limiter, served) = (Arc::clone(&limiter), Arc::clone(&served));
            waiters.push(tokio::spawn(async move {
                let _slot = limiter.acquire().await;
                served.lock().unwrap().push((caller, start.elapsed()));
            }));
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        drop(first);
        for waiter in waiters {
            waiter.await.unwrap();
        }

        // One slot is released at 60 ms, cools for a second and is then reused every second
        // (each caller drops it at once); the other stays held.
        let served = served.lock().unwrap().clone();
        let expected: Vec<(i32, Duration)> = (0..6)
            .map(|caller| {
                (
                    caller,
                    Duration::from_millis(60) + WINDOW * (caller as u32 + 1),
                )
            })
            .collect();
        assert_eq!(served, expected);
    }

    #[tokio::test(start_paused = true)]
    async fn a_waiter_that_gives_up_does_not_hold_up_the_queue() {
        let limiter = limiter(1);
        let held = limiter.acquire().await;

        let impatient = tokio::spawn({
            let limiter = Arc::clone(&limiter);
            async move { tokio::time::timeout(Duration::from_millis(50), limiter.acquire()).await }
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        let patient = tokio::spawn({
            let limiter = Arc::clone(&limiter);
            async move {
                let _slot = limiter.acquire().await;
                Instant::now()
            }
        });
        assert!(impatient.await.unwrap().is_err());
        let start = Instant::now();
        drop(held);

        assert_eq!(patient.await.unwrap() - start, WINDOW);
    }

    #[test]
    fn registry_shares_by_secret_id_service_action_and_quota() {
        let quota = RequestQuota { per_second: 5 };
        let first = shared("AKID-registry", "svc", "Act", quota);

        assert!(Arc::ptr_eq(
            &first,
            &shared("AKID-registry", "svc", "Act", quota)
        ));
        assert!(!Arc::ptr_eq(
            &first,
            &shared("AKID-other", "svc", "Act", quota)
        ));
        assert!(!Arc::ptr_eq(
            &first,
            &shared("AKID-registry", "svc", "Other", quota)
        ));
        assert!(!Arc::ptr_eq(
            &first,
            &shared("AKID-registry", "other", "Act", quota)
        ));
    }

    #[test]
    fn zero_quota_still_lets_one_request_through() {
        assert_eq!(RateLimiter::new(RequestQuota { per_second: 0 }).slots, 1);
    }
}
