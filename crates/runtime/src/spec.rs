//! Static descriptions of services and actions that generated crates hand to the runtime.

/// What the runtime needs to know about one service; generated crates define one constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceSpec {
    /// Short service name, the first label of its domains and the signing service (`tcss`).
    pub name: &'static str,
    /// API version sent as `X-TC-Version` (`2020-11-01`).
    pub version: &'static str,
    /// Where the service can be reached.
    pub endpoints: EndpointSpec,
}

/// The domains of one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointSpec {
    /// The default domain (`tcss.intl.tencentcloudapi.com`).
    pub international: &'static str,
    /// The mainland China domain (`tcss.tencentcloudapi.com`).
    pub mainland: &'static str,
    /// Regional domain template; `{region}` is replaced (`tcss.{region}.tencentcloudapi.com`).
    pub regional: &'static str,
}

/// What the runtime needs to know about one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionSpec {
    /// The action name sent as `X-TC-Action`.
    pub name: &'static str,
    /// Whether the action only reads; only such actions are retried after timeouts, 5xx
    /// and `InternalError`.
    pub read_only: bool,
    /// The service's request quota for this action, if it has one.
    pub quota: Option<RequestQuota>,
}

/// A request quota: at most `per_second` requests in any one-second window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestQuota {
    /// Requests allowed per second.
    pub per_second: u32,
}
