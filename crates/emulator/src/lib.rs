//! A local stand-in for Tencent Cloud API 3.0 services, for tests and demos.
//!
//! The emulator listens on `127.0.0.1` and answers `POST /` the way the real service does:
//! it verifies the TC3-HMAC-SHA256 signature, checks the action, the version and the
//! parameters against the service description in `spec/`, enforces each action's request
//! quota per SecretId, and answers with the example response from `spec/` or with a
//! response a test registered. Tests can also make it misbehave on purpose (an HTML 5xx
//! page, a truncated body, a delay, throttling) and read back every request it received.
//!
//! ```no_run
//! # async fn demo() -> Result<(), tencentcloud_emulator::StartError> {
//! use tencentcloud_emulator::{Emulator, Fault};
//!
//! let emulator = Emulator::start().await?;
//! let url = emulator.url(); // http://127.0.0.1:PORT
//! let credentials = emulator.credentials(); // the SecretId and SecretKey it accepts
//! emulator.inject(Fault::Throttle.times(2));
//! // ... point a client at `url`, then inspect `emulator.requests()` ...
//! # let _ = (url, credentials);
//! # Ok(())
//! # }
//! ```
//!
//! The emulator stops when the [`Emulator`] value is dropped.

mod api_error;
mod authorization;
mod credentials;
mod description;
mod embedded;
mod emulator;
mod envelope;
pub mod error_codes;
mod faults;
mod handler;
mod headers;
mod quota;
mod request_id;
mod request_log;
mod responses;
mod routing;
mod server;
mod signature_check;
mod state;
mod validate;

pub use credentials::Credential;
pub use description::{ServiceDescription, SpecError};
pub use emulator::{Emulator, EmulatorBuilder, StartError};
pub use faults::{Fault, Injection};
pub use request_log::{Answer, Counters, LoggedRequest};
