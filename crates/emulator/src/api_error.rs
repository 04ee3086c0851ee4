//! The error the emulator answers with inside the usual response envelope.

/// A service error: the `Code` and `Message` of the envelope's `Error` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    /// The error code, such as `AuthFailure.SignatureFailure`.
    pub(crate) code: String,
    /// A sentence saying what was wrong, naming the parameter or header concerned.
    pub(crate) message: String,
}

impl ApiError {
    /// Builds an error from its code and message.
    pub(crate) fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
        }
    }
}
