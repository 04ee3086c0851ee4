//! The emulator verifies TC3 signatures and credentials as the service does.

mod support;

use serde_json::json;
use support::{call, now_unix};
use tencentcloud_emulator::{Credential, Emulator, error_codes};

#[tokio::test]
async fn a_correctly_signed_request_succeeds() {
    let emulator = Emulator::start().await.unwrap();
    call(&emulator).send().await.expect_success();
}

#[tokio::test]
async fn header_values_are_compared_lower_cased_and_trimmed() {
    let emulator = Emulator::start().await.unwrap();

    // The client signed "application/json; charset=utf-8"; the wire carries another
    // spelling of the same value, which the canonical form makes equal.
    let mut differently_cased = call(&emulator);
    differently_cased.content_type = "application/json; charset=utf-8".into();
    let headers_signed = differently_cased.headers();
    let mut sent = differently_cased.clone();
    sent.content_type = "  Application/JSON; Charset=UTF-8  ".into();
    sent.authorization = headers_signed
        .iter()
        .find(|(name, _)| name == "Authorization")
        .map(|(_, value)| value.clone());

    sent.send().await.expect_success();
}

#[tokio::test]
async fn extra_signed_headers_are_verified_too() {
    let emulator = Emulator::start().await.unwrap();

    let mut signed_action = call(&emulator);
    signed_action.signed_headers.push("x-tc-action".into());
    signed_action.clone().send().await.expect_success();

    // Signing X-TC-Action binds it: sending another action with that signature fails.
    let original = signed_action.headers();
    let mut swapped = signed_action.action("DescribeSomethingElse");
    swapped.authorization = original
        .iter()
        .find(|(name, _)| name == "Authorization")
        .map(|(_, v)| v.clone());
    swapped
        .send()
        .await
        .expect_error(error_codes::SIGNATURE_FAILURE);
}

#[tokio::test]
async fn a_timestamp_more_than_five_minutes_off_has_expired() {
    let emulator = Emulator::start().await.unwrap();

    for offset in [-400, 400] {
        let mut stale = call(&emulator);
        stale.timestamp = now_unix() + offset;
        let message = stale
            .send()
            .await
            .expect_error(error_codes::SIGNATURE_EXPIRE);
        assert!(message.contains("X-TC-Timestamp"), "{message}");
    }

    // Well inside the window (with room for a slow test machine) still passes.
    let mut skewed = call(&emulator);
    skewed.timestamp = now_unix() - 240;
    skewed.send().await.expect_success();
}

#[tokio::test]
async fn the_emulator_clock_can_be_skewed() {
    let emulator = Emulator::builder()
        .clock_skew_secs(600)
        .start()
        .await
        .unwrap();
    call(&emulator)
        .send()
        .await
        .expect_error(error_codes::SIGNATURE_EXPIRE);

    let mut from_the_future = call(&emulator);
    from_the_future.timestamp = now_unix() + 600;
    from_the_future.send().await.expect_success();
}

#[tokio::test]
async fn an_unknown_secret_id_is_not_found() {
    let emulator = Emulator::start().await.unwrap();
    let stranger = Credential::new("AKIDstranger", "any-key");

    let message = call(&emulator)
        .credential(&stranger)
        .send()
        .await
        .expect_error(error_codes::SECRET_ID_NOT_FOUND);
    assert!(message.contains("AKIDstranger"), "{message}");
}

#[tokio::test]
async fn a_wrong_key_or_tampered_request_fails_the_signature() {
    let emulator = Emulator::start().await.unwrap();

    let mut wrong_key = call(&emulator);
    wrong_key.secret_key = "not-the-secret-key".into();
    wrong_key
        .send()
        .await
        .expect_error(error_codes::SIGNATURE_FAILURE);

    let mut tampered = call(&emulator);
    tampered.sent_body = Some(json!({"ID": 11}).to_string().into_bytes());
    tampered
        .send()
        .await
        .expect_error(error_codes::SIGNATURE_FAILURE);

    let mut wrong_service = call(&emulator);
    wrong_service.service = "cvm".into();
    let message = wrong_service
        .send()
        .await
        .expect_error(error_codes::SIGNATURE_FAILURE);
    assert!(message.contains("cvm"), "{message}");
}

#[tokio::test]
async fn a_malformed_authorization_is_rejected() {
    let emulator = Emulator::start().await.unwrap();
    let id = emulator.credentials().secret_id().to_owned();
    let date = tencentcloud_runtime::sign::CredentialScope::new(now_unix(), "tcss");
    let signature = "0".repeat(64);

    let malformed = [
        "Basic dXNlcjpwYXNz".to_owned(),
        format!(
            "TC3-HMAC-SHA256 Credential={id}/{}/tcss/tc3_request",
            date.date()
        ),
        format!(
            "TC3-HMAC-SHA256 Credential={id}/tcss/tc3_request, SignedHeaders=content-type;host, \
             Signature={signature}"
        ),
        format!(
            "TC3-HMAC-SHA256 Credential={id}/{}/tcss/tc3_request, SignedHeaders=content-type;host, \
             Signature=xyz",
            date.date()
        ),
    ];
    for authorization in malformed {
        let mut bad = call(&emulator);
        bad.authorization = Some(authorization.clone());
        let message = bad
            .send()
            .await
            .expect_error(error_codes::INVALID_AUTHORIZATION);
        assert!(
            message.contains("Authorization"),
            "{authorization}: {message}"
        );
    }

    let mut without_host = call(&emulator);
    without_host.signed_headers = vec!["content-type".into()];
    let message = without_host
        .send()
        .await
        .expect_error(error_codes::INVALID_AUTHORIZATION);
    assert!(message.contains("host"), "{message}");
}

#[tokio::test]
async fn temporary_credentials_need_their_token() {
    let emulator = Emulator::start().await.unwrap();
    let session = emulator.session_credentials().clone();
    assert!(session.token().is_some());

    call(&emulator)
        .credential(&session)
        .send()
        .await
        .expect_success();

    let mut without_token = call(&emulator).credential(&session);
    without_token.token = None;
    without_token
        .send()
        .await
        .expect_error(error_codes::TOKEN_FAILURE);

    let mut wrong_token = call(&emulator).credential(&session);
    wrong_token.token = Some("someone-elses-token".into());
    wrong_token
        .send()
        .await
        .expect_error(error_codes::TOKEN_FAILURE);

    let mut stray_token = call(&emulator);
    stray_token.token = Some("a-token-for-permanent-keys".into());
    stray_token
        .send()
        .await
        .expect_error(error_codes::TOKEN_FAILURE);
}

#[tokio::test]
async fn builder_credentials_replace_and_extend_the_defaults() {
    let mine = Credential::new("AKIDmine", "my-key");
    let extra = Credential::new("AKIDextra", "extra-key").with_token("extra-token");
    let emulator = Emulator::builder()
        .credentials(mine.clone())
        .accept(extra.clone())
        .start()
        .await
        .unwrap();

    assert_eq!(emulator.credentials(), &mine);
    call(&emulator).send().await.expect_success();
    call(&emulator)
        .credential(&extra)
        .send()
        .await
        .expect_success();

    let default_id = Credential::new("AKIDEmulatorPermanent000000000000000", "x");
    call(&emulator)
        .credential(&default_id)
        .send()
        .await
        .expect_error(error_codes::SECRET_ID_NOT_FOUND);
}
