//! Turns Tencent Cloud API 3.0 descriptions into Rust model and client crates.
//!
//! The stages run one after the other and each can be used and tested alone:
//! [`parse`] reads the files, [`check`] resolves and names everything, [`emit`] renders
//! formatted Rust in memory, and [`write`](mod@write) compares it with the tree or replaces what is
//! stale. [`plan`] ties them together for the `cargo xtask` commands.

pub mod check;
pub mod doc;
pub mod emit;
pub mod error;
pub mod naming;
pub mod parse;
pub mod plan;
pub mod write;

pub use error::CodegenError;
