//! End-to-end and snapshot tests of the workspace; the tests live in `tests/`.
//!
//! Every test starts its own emulator on 127.0.0.1 and drives the generated `tcss` client
//! against it, so the suite needs no cloud account and reaches no other host.

/// The README's Rust examples, compiled (and, unless marked `no_run`, run) as doctests so
/// they stay true.
#[doc = include_str!("../../README.md")]
pub mod readme {}
