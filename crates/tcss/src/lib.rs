//! Async client of the Tencent Cloud Container Security Service (tcss) API 2020-11-01.

pub mod audit;
mod generated;

pub use generated::*;
