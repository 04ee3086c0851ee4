//! The language of the service's messages.

/// The language the service writes its messages in, sent as `X-TC-Language`.
///
/// Without one the service picks its own default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// Simplified Chinese, `zh-CN`.
    ZhCn,
    /// English, `en-US`.
    EnUs,
}

impl Language {
    /// The header value, such as `en-US`.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::EnUs => "en-US",
        }
    }
}
