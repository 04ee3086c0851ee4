//! Shared runtime of the generated Tencent Cloud API 3.0 clients.
//!
//! Generated crates describe their service and actions with [`ServiceSpec`] and
//! [`ActionSpec`] and hand serialized requests to [`Client::call`], which takes care of
//! credentials, the endpoint, the TC3 signature ([`sign`]), the per-action quota, retries and
//! reading the response envelope. Everything that can go wrong is one [`Error`].
//!
//! ```no_run
//! use tencentcloud_runtime::{ActionSpec, Client, Config, EndpointSpec, RequestQuota, ServiceSpec};
//!
//! static SERVICE: ServiceSpec = ServiceSpec {
//!     name: "tcss",
//!     version: "2020-11-01",
//!     endpoints: EndpointSpec {
//!         international: "tcss.intl.tencentcloudapi.com",
//!         mainland: "tcss.tencentcloudapi.com",
//!         regional: "tcss.{region}.tencentcloudapi.com",
//!     },
//! };
//! static ACTION: ActionSpec = ActionSpec {
//!     name: "DescribeK8sApiAbnormalEventInfo",
//!     read_only: true,
//!     quota: Some(RequestQuota { per_second: 20 }),
//! };
//!
//! # async fn run() -> Result<(), tencentcloud_runtime::Error> {
//! // Credentials come from the environment or ~/.tencentcloud/credentials.
//! let client = Client::new(&SERVICE, Config::builder().region("ap-guangzhou").build());
//! let response = client.call(&ACTION, br#"{"Id": 10}"#.to_vec()).await?;
//! let value: serde_json::Value = response.decode()?;
//! tracing::info!(request_id = response.request_id(), %value, "answered");
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod client;
mod common_error_code;
mod config;
mod credentials;
mod endpoint;
mod error;
mod language;
pub mod rate_limit;
mod request;
mod response;
pub mod retry;
pub mod sign;
mod spec;
mod transport;

pub use client::Client;
pub use common_error_code::CommonErrorCode;
pub use config::{Clock, Config, ConfigBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use credentials::{
    BoxFuture, CachedCredentials, Credentials, CredentialsError, DefaultCredentialsChain,
    EnvironmentCredentials, ProfileFileCredentials, ProvideCredentials, StaticCredentials,
};
pub use endpoint::{Endpoint, ResolvedEndpoint};
pub use error::{Error, ServiceError};
pub use language::{Language, UnknownLanguage};
pub use rate_limit::RateLimiter;
pub use request::{CONTENT_TYPE_JSON, REQUEST_CLIENT};
pub use response::RawResponse;
pub use retry::RetryConfig;
pub use spec::{ActionSpec, EndpointSpec, RequestQuota, ServiceSpec};
pub use transport::{ReqwestTransport, Transport, TransportError, TransportErrorKind};
