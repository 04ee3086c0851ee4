//! The error codes the emulator answers with, as the real service spells them.
//!
//! Tests can compare a [`LoggedRequest`](crate::LoggedRequest)'s answer or a client error
//! against these constants instead of repeating the strings.

/// The `Authorization` header is missing or does not follow the TC3 format.
pub const INVALID_AUTHORIZATION: &str = "AuthFailure.InvalidAuthorization";
/// The SecretId is not one the emulator accepts.
pub const SECRET_ID_NOT_FOUND: &str = "AuthFailure.SecretIdNotFound";
/// `X-TC-Timestamp` is more than five minutes away from the emulator's clock.
pub const SIGNATURE_EXPIRE: &str = "AuthFailure.SignatureExpire";
/// The signature does not match the request and the secret key.
pub const SIGNATURE_FAILURE: &str = "AuthFailure.SignatureFailure";
/// The session token is missing, wrong, or sent with credentials that take none.
pub const TOKEN_FAILURE: &str = "AuthFailure.TokenFailure";
/// The action is not one the service offers.
pub const INVALID_ACTION: &str = "InvalidAction";
/// The service has no such API version.
pub const NO_SUCH_VERSION: &str = "NoSuchVersion";
/// A required parameter or common header is missing.
pub const MISSING_PARAMETER: &str = "MissingParameter";
/// A parameter has the wrong type or form.
pub const INVALID_PARAMETER: &str = "InvalidParameter";
/// A parameter has an allowed type but a value outside the allowed set.
pub const INVALID_PARAMETER_VALUE: &str = "InvalidParameterValue";
/// The request carries a parameter the action does not define.
pub const UNKNOWN_PARAMETER: &str = "UnknownParameter";
/// The request is not a `POST /` with a JSON object body.
pub const INVALID_REQUEST: &str = "InvalidRequest";
/// The request body is larger than the service accepts.
pub const REQUEST_SIZE_LIMIT_EXCEEDED: &str = "RequestSizeLimitExceeded";
/// The caller exceeded the action's request quota.
pub const REQUEST_LIMIT_EXCEEDED: &str = "RequestLimitExceeded";
/// The emulator could not build an answer (for example, a registered response that is not
/// a JSON object).
pub const INTERNAL_ERROR: &str = "InternalError";

/// Every code above, for cross-checks against the common error list in `spec/`.
pub const ALL: &[&str] = &[
    INVALID_AUTHORIZATION,
    SECRET_ID_NOT_FOUND,
    SIGNATURE_EXPIRE,
    SIGNATURE_FAILURE,
    TOKEN_FAILURE,
    INVALID_ACTION,
    NO_SUCH_VERSION,
    MISSING_PARAMETER,
    INVALID_PARAMETER,
    INVALID_PARAMETER_VALUE,
    UNKNOWN_PARAMETER,
    INVALID_REQUEST,
    REQUEST_SIZE_LIMIT_EXCEEDED,
    REQUEST_LIMIT_EXCEEDED,
    INTERNAL_ERROR,
];
