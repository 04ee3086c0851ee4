//! Turns Tencent Cloud API 3.0 descriptions into Rust model and client crates.
