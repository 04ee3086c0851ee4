//! The per-action quota, on tokio's paused clock: callers wait, and the server never sees more
//! than the quota in any one-second window.

mod common;

use std::time::Duration;

use common::{FakeTransport, READ_ACTION, Reply, SERVICE, most_in_any_window};
use tencentcloud_runtime::{Client, Config, RetryConfig};
use tokio::time::Instant;

const SECOND: Duration = Duration::from_secs(1);

fn client(secret_id: &str, transport: &FakeTransport, quota_enabled: bool) -> Client {
    let config = Config::builder()
        .credentials_static(secret_id, "key")
        .transport(transport.clone())
        .retry(RetryConfig::disabled())
        .quota_enabled(quota_enabled)
        .build();
    Client::new(&SERVICE, config)
}

/// Starts `calls` calls at once and waits for all of them.
async fn call_concurrently(clients: &[Client], calls: usize) {
    let tasks: Vec<_> = (0..calls)
        .map(|number| {
            let client = clients[number % clients.len()].clone();
            tokio::spawn(async move { client.call(&READ_ACTION, b"{}".to_vec()).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
}

fn arrivals(transport: &FakeTransport) -> Vec<Instant> {
    transport.seen().iter().map(|seen| seen.at).collect()
}

#[tokio::test(start_paused = true)]
async fn hundred_concurrent_calls_stay_within_quota_and_finish_quickly() {
    let transport = FakeTransport::new(|_| Reply::ok("r").after(Duration::from_millis(50)));
    let client = client("AKID-hundred", &transport, true);
    let start = Instant::now();

    call_concurrently(&[client], 100).await;

    let elapsed = start.elapsed();
    let arrivals = arrivals(&transport);
    assert_eq!(arrivals.len(), 100);
    assert_eq!(most_in_any_window(&arrivals, SECOND), 20);
    assert!(elapsed < Duration::from_millis(5_300), "took {elapsed:?}");
}

#[tokio::test(start_paused = true)]
async fn saturating_caller_gets_at_least_95_percent_of_the_quota() {
    let transport = FakeTransport::new(|_| Reply::ok("r").after(Duration::from_millis(20)));
    let client = client("AKID-saturating", &transport, true);
    let start = Instant::now();
    let end = start + Duration::from_secs(10);

    let workers: Vec<_> = (0..40)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                while Instant::now() < end {
                    client.call(&READ_ACTION, b"{}".to_vec()).await.unwrap();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }

    let arrivals: Vec<Instant> = arrivals(&transport)
        .into_iter()
        .filter(|at| *at < end)
        .collect();
    assert!(
        arrivals.len() >= 190,
        "only {} requests in 10 s",
        arrivals.len()
    );
    assert!(most_in_any_window(&arrivals, SECOND) <= 20);
}

#[tokio::test(start_paused = true)]
async fn clients_with_one_secret_id_share_the_quota() {
    let transport = FakeTransport::new(|_| Reply::ok("r").after(Duration::from_millis(10)));
    let first = client("AKID-shared", &transport, true);
    let second = client("AKID-shared", &transport, true);

    call_concurrently(&[first.clone(), second, first], 60).await;

    let arrivals = arrivals(&transport);
    assert_eq!(arrivals.len(), 60);
    assert_eq!(most_in_any_window(&arrivals, SECOND), 20);
}

#[tokio::test(start_paused = true)]
async fn other_secret_ids_have_their_own_quota() {
    let busy_transport = FakeTransport::new(|_| Reply::ok("r"));
    let busy = client("AKID-busy", &busy_transport, true);
    let other_transport = FakeTransport::new(|_| Reply::ok("r"));
    let other = client("AKID-other", &other_transport, true);
    let start = Instant::now();

    call_concurrently(&[busy], 20).await;
    call_concurrently(&[other], 20).await;

    assert!(arrivals(&other_transport).iter().all(|at| *at == start));
}

#[tokio::test(start_paused = true)]
async fn quota_can_be_switched_off() {
    let transport = FakeTransport::new(|_| Reply::ok("r"));
    let client = client("AKID-unlimited", &transport, false);
    let start = Instant::now();

    call_concurrently(&[client], 100).await;

    let arrivals = arrivals(&transport);
    assert_eq!(arrivals.len(), 100);
    assert!(arrivals.iter().all(|at| *at == start));
}

#[tokio::test(start_paused = true)]
async fn a_slot_is_free_again_one_second_after_its_request_completes() {
    // Requests take 3 s, far longer than the window: the next batch must wait for the first
    // to complete, then one more second.
    let transport = FakeTransport::new(|_| Reply::ok("r").after(Duration::from_secs(3)));
    let client = client("AKID-slow", &transport, true);
    let start = Instant::now();

    call_concurrently(&[client], 40).await;

    let arrivals = arrivals(&transport);
    let early = arrivals.iter().filter(|at| **at == start).count();
    let later = arrivals
        .iter()
        .filter(|at| **at == start + Duration::from_secs(4))
        .count();
    assert_eq!((early, later), (20, 20));
}

#[tokio::test(start_paused = true)]
async fn waiting_for_the_quota_never_outlives_the_total_deadline() {
    let transport = FakeTransport::new(|_| Reply::ok("r").after(Duration::from_millis(10)));
    let config = Config::builder()
        .credentials_static("AKID-deadline", "key")
        .transport(transport.clone())
        .retry(RetryConfig::new().with_total_deadline(Some(Duration::from_millis(2_500))))
        .build();
    let client = Client::new(&SERVICE, config);
    let start = Instant::now();

    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let result = client.call(&READ_ACTION, b"{}".to_vec()).await;
                (result, start.elapsed())
            })
        })
        .collect();
    let mut ok = 0;
    let mut timed_out = 0;
    for task in tasks {
        let (result, elapsed) = task.await.unwrap();
        assert!(
            elapsed <= Duration::from_millis(2_500),
            "a call took {elapsed:?}"
        );
        match result {
            Ok(_) => ok += 1,
            Err(tencentcloud_runtime::Error::Timeout { .. }) => timed_out += 1,
            Err(other) => panic!("unexpected error: {other}"),
        }
    }

    // Slots open at 0 s, about 1 s and about 2 s: three rounds of 20 fit in 2.5 s.
    assert_eq!(ok, 60);
    assert_eq!(timed_out, 40);
}
