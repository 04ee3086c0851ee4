//! Request IDs in the service's form: a random (version 4) UUID in lower-case hex.

/// Draws a fresh request ID.
pub(crate) fn new_request_id() -> String {
    format_request_id(fastrand::u128(..))
}

/// Formats 128 random bits as a version 4 UUID, `xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx`.
fn format_request_id(random: u128) -> String {
    let bits = (random & !(0xf << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_version_4_uuid() {
        let cases: &[(u128, &str)] = &[
            (0, "00000000-0000-4000-8000-000000000000"),
            (u128::MAX, "ffffffff-ffff-4fff-bfff-ffffffffffff"),
            (
                0x0123_4567_89ab_cdef_0123_4567_89ab_cdef,
                "01234567-89ab-4def-8123-456789abcdef",
            ),
        ];
        for (bits, expected) in cases {
            assert_eq!(format_request_id(*bits), *expected);
        }
    }

    #[test]
    fn fresh_ids_differ() {
        assert_ne!(new_request_id(), new_request_id());
    }
}
