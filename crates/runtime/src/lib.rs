//! Shared runtime of the generated Tencent Cloud API 3.0 clients.
//!
//! CONTRACT SKELETON: the items below are the public surface that generated crates use.
//! Their signatures are fixed; bodies are filled in by the runtime work.

#![warn(missing_docs)]

mod spec;

pub use spec::{ActionSpec, EndpointSpec, RequestQuota, ServiceSpec};

/// Placeholder until the runtime lands (see CONTRACT in README of this crate).
#[derive(Debug)]
pub struct Error;
