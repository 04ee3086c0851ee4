//! A request's headers as plain `(lower-case name, value)` pairs.
//!
//! The pure checks (signature, routing, logging) work on this simple form rather than on
//! `http::HeaderMap`, so their tests can build requests from string literals.

use http::HeaderMap;

/// Converts a header map into pairs, names lower-cased, in arrival order.
///
/// A value that is not valid UTF-8 is kept with its invalid bytes replaced, so a signature
/// over it fails instead of the request being dropped.
pub(crate) fn header_pairs(map: &HeaderMap) -> Vec<(String, String)> {
    map.iter()
        .map(|(name, value)| {
            (
                name.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(value.as_bytes()).into(),
            )
        })
        .collect()
}

/// The value of the first header named `name` (lower-case).
pub(crate) fn header_value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(known, _)| known == name)
        .map(|(_, value)| value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_keep_order_and_lower_case_names() {
        let mut map = HeaderMap::new();
        map.insert("X-TC-Action", "Describe".parse().unwrap());
        map.insert("Host", "127.0.0.1".parse().unwrap());

        let pairs = header_pairs(&map);
        assert_eq!(header_value(&pairs, "x-tc-action"), Some("Describe"));
        assert_eq!(header_value(&pairs, "host"), Some("127.0.0.1"));
        assert_eq!(header_value(&pairs, "X-TC-Action"), None);
    }
}
