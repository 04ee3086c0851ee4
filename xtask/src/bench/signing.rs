//! Signing one request: our signer against the floor, the same SHA-256 and HMAC-SHA256
//! calls made directly with the `sha2` and `hmac` crates on the same inputs.

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::{Digest, Sha256};
use tencentcloud_runtime::sign::{self, CanonicalRequest, CredentialScope, StringToSign};

/// What every signer in the comparison signs, the peers' included.
#[derive(Debug, Clone, Serialize)]
pub struct SigningInputs {
    /// The SecretId named in the `Authorization` header.
    pub secret_id: &'static str,
    /// The SecretKey the signing key is derived from.
    pub secret_key: &'static str,
    /// The `Host` header.
    pub host: &'static str,
    /// The signing service name.
    pub service: &'static str,
    /// Seconds since the Unix epoch.
    pub timestamp: i64,
    /// The request body, `DescribeK8sApiAbnormalEventInfo` with `ID` 10 as serialized.
    pub body: &'static str,
}

/// The inputs of every signing figure.
pub const INPUTS: SigningInputs = SigningInputs {
    secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
    secret_key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    host: "tcss.intl.tencentcloudapi.com",
    service: "tcss",
    timestamp: 1_729_594_845,
    body: r#"{"ID":10}"#,
};

/// Our signer, as the runtime signs every attempt: canonical request, scope, string to
/// sign, signature and the `Authorization` value.
pub fn ours(inputs: &SigningInputs) -> String {
    let canonical = CanonicalRequest::new(
        "POST",
        "/",
        "",
        &[("content-type", "application/json"), ("host", inputs.host)],
        inputs.body.as_bytes(),
    );
    let scope = CredentialScope::new(inputs.timestamp, inputs.service);
    let string_to_sign = StringToSign::new(inputs.timestamp, &scope, &canonical);
    let signature = sign::signature(inputs.secret_key, &scope, &string_to_sign);
    sign::authorization(
        inputs.secret_id,
        &scope,
        canonical.signed_headers(),
        &signature,
    )
}

/// The inputs of the floor in the form the hash calls take them, prepared once.
pub struct FloorInputs {
    key: Vec<u8>,
    date: String,
    timestamp: String,
}

impl FloorInputs {
    /// Formats the date and timestamp and prefixes the key, outside the measured loop.
    pub fn new(inputs: &SigningInputs) -> Self {
        let scope = CredentialScope::new(inputs.timestamp, inputs.service);
        FloorInputs {
            key: format!("TC3{}", inputs.secret_key).into_bytes(),
            date: scope.date().to_owned(),
            timestamp: inputs.timestamp.to_string(),
        }
    }
}

/// The floor: two SHA-256 digests and four HMAC-SHA256, fed piece by piece with no string
/// built, hex-encoded into stack buffers. Returns the signature in lower-case hex.
pub fn floor(inputs: &SigningInputs, prepared: &FloorInputs) -> [u8; 64] {
    let mut payload_hash = [0u8; 64];
    hex_into(&Sha256::digest(inputs.body.as_bytes()), &mut payload_hash);

    let mut canonical = Sha256::new();
    canonical.update(b"POST\n/\n\ncontent-type:application/json\nhost:");
    canonical.update(inputs.host.as_bytes());
    canonical.update(b"\n\ncontent-type;host\n");
    canonical.update(payload_hash);
    let mut canonical_hash = [0u8; 64];
    hex_into(&canonical.finalize(), &mut canonical_hash);

    let date_key = hmac(&prepared.key, &[prepared.date.as_bytes()]);
    let service_key = hmac(&date_key, &[inputs.service.as_bytes()]);
    let signing_key = hmac(&service_key, &[b"tc3_request"]);
    let signature = hmac(
        &signing_key,
        &[
            b"TC3-HMAC-SHA256\n",
            prepared.timestamp.as_bytes(),
            b"\n",
            prepared.date.as_bytes(),
            b"/",
            inputs.service.as_bytes(),
            b"/tc3_request\n",
            &canonical_hash,
        ],
    );
    let mut hex = [0u8; 64];
    hex_into(&signature, &mut hex);
    hex
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn hex_into(bytes: &[u8], out: &mut [u8; 64]) {
    hex::encode_to_slice(bytes, out).expect("32 bytes make 64 hex digits");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_computes_the_same_signature_as_ours() {
        let authorization = ours(&INPUTS);
        let floor = floor(&INPUTS, &FloorInputs::new(&INPUTS));
        let floor = std::str::from_utf8(&floor).unwrap();

        assert!(
            authorization.ends_with(&format!("Signature={floor}")),
            "{authorization} vs {floor}"
        );
    }
}
