//! Many concurrent calls: the client's own quota keeps the emulator from ever throttling.

mod common;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_concurrent_calls_are_never_throttled() {
    let emulator = common::emulator().await;
    let client = common::client_for(&emulator);

    let tasks: Vec<_> = (0..100u64)
        .map(|id| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .describe_k8s_api_abnormal_event_info()
                    .id(id)
                    .send()
                    .await
            })
        })
        .collect();
    let mut ok = 0;
    for task in tasks {
        let response = task.await.expect("no call panics");
        assert!(response.is_ok(), "{response:?}");
        ok += 1;
    }

    let counters = emulator.counters();
    assert_eq!(ok, 100);
    assert_eq!(counters.requests, 100, "no call needed a retry");
    assert_eq!(counters.throttled_by_quota, 0);
}
