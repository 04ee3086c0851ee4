//! The emulator enforces each action's quota per SecretId, like the service.

mod support;

use std::time::Duration;

use support::call;
use support::frozen_clock::FrozenClock;
use tencentcloud_emulator::{Emulator, error_codes};

/// The quota of the action in spec/tcss/v20201101/service.json.
const QUOTA: u32 = 20;

#[tokio::test]
async fn the_spec_quota_is_loaded() {
    let emulator = Emulator::start().await.unwrap();
    let service = &emulator.services()[0];
    assert_eq!(service.quota_per_second(support::ACTION), Some(QUOTA));
}

#[tokio::test]
async fn more_than_the_quota_within_one_second_is_throttled_and_counted() {
    let frozen = FrozenClock::start(Emulator::builder());
    let emulator = &frozen.emulator;

    for _ in 0..QUOTA {
        call(emulator).send().await.expect_success();
    }
    let message = call(emulator)
        .send()
        .await
        .expect_error(error_codes::REQUEST_LIMIT_EXCEEDED);
    assert!(message.contains(&QUOTA.to_string()), "{message}");
    assert_eq!(emulator.counters().throttled_by_quota, 1);

    // Another SecretId has its own quota.
    let session = emulator.session_credentials().clone();
    call(emulator)
        .credential(&session)
        .send()
        .await
        .expect_success();

    // Just before the window slides the quota is still used up; one second after the
    // burst it is free again.
    frozen.advance(Duration::from_millis(999)).await;
    call(emulator)
        .send()
        .await
        .expect_error(error_codes::REQUEST_LIMIT_EXCEEDED);
    frozen.advance(Duration::from_millis(1)).await;
    call(emulator).send().await.expect_success();

    let counters = emulator.counters();
    assert_eq!(counters.throttled_by_quota, 2);
    assert_eq!(counters.requests, u64::from(QUOTA) + 4);
    assert_eq!(counters.succeeded, u64::from(QUOTA) + 2);
    assert_eq!(counters.failed, 2);
}

#[tokio::test]
async fn concurrent_callers_get_exactly_the_quota() {
    let frozen = FrozenClock::start(Emulator::builder());
    let emulator = frozen.emulator.clone();

    let calls: Vec<_> = (0..30)
        .map(|_| tokio::spawn(call(&emulator).send()))
        .collect();
    let mut throttled = 0;
    for handle in calls {
        if handle.await.unwrap().error_code().is_some() {
            throttled += 1;
        }
    }

    assert_eq!(throttled, 30 - QUOTA);
    assert_eq!(
        emulator.counters().throttled_by_quota,
        u64::from(30 - QUOTA)
    );
}

#[tokio::test]
async fn requests_that_fail_earlier_checks_do_not_use_the_quota() {
    let frozen = FrozenClock::start(Emulator::builder());
    let emulator = &frozen.emulator;

    for _ in 0..QUOTA {
        let mut wrong_key = call(emulator);
        wrong_key.secret_key = "wrong".into();
        wrong_key
            .send()
            .await
            .expect_error(error_codes::SIGNATURE_FAILURE);
    }
    call(emulator).send().await.expect_success();
    assert_eq!(emulator.counters().throttled_by_quota, 0);
}

#[tokio::test]
async fn the_quota_can_be_switched_off() {
    let frozen = FrozenClock::start(Emulator::builder().enforce_quota(false));
    let emulator = &frozen.emulator;

    for _ in 0..QUOTA + 5 {
        call(emulator).send().await.expect_success();
    }
    assert_eq!(emulator.counters().throttled_by_quota, 0);
}
