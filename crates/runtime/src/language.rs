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

impl std::str::FromStr for Language {
    type Err = UnknownLanguage;

    /// Reads a header value such as `en-US`; case does not matter.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value.trim().to_ascii_lowercase().as_str() {
            "zh-cn" => Ok(Language::ZhCn),
            "en-us" => Ok(Language::EnUs),
            _ => Err(UnknownLanguage(value.to_owned())),
        }
    }
}

/// A language name that is neither `zh-CN` nor `en-US`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`: the service speaks zh-CN and en-US")]
pub struct UnknownLanguage(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_languages_in_any_case_and_rejects_others() {
        assert_eq!("en-US".parse(), Ok(Language::EnUs));
        assert_eq!(" zh-cn ".parse(), Ok(Language::ZhCn));
        assert_eq!(
            "fr-FR".parse::<Language>(),
            Err(UnknownLanguage("fr-FR".to_owned()))
        );
        for language in [Language::ZhCn, Language::EnUs] {
            assert_eq!(language.as_str().parse(), Ok(language));
        }
    }
}
