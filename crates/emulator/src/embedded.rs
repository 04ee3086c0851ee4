//! The repository's `spec/`, compiled into the emulator (see `build.rs`).

use crate::description::{ServiceDescription, SpecError, SpecSources};

/// The text of one service version's spec files.
struct EmbeddedService {
    /// Where the files are in the repository, for error messages.
    origin: &'static str,
    /// `api.json`.
    api: &'static str,
    /// `service.json`.
    service: &'static str,
    /// `examples/<Action>.json` by action name.
    examples: &'static [(&'static str, &'static str)],
}

/// Every service version under `spec/` when the emulator was built.
const EMBEDDED: &[EmbeddedService] = include!(concat!(env!("OUT_DIR"), "/embedded_spec.rs"));

/// Parses the embedded descriptions.
pub(crate) fn embedded_services() -> Result<Vec<ServiceDescription>, SpecError> {
    EMBEDDED
        .iter()
        .map(|embedded| {
            ServiceDescription::parse(&SpecSources {
                origin: embedded.origin,
                api: embedded.api,
                service: embedded.service,
                examples: embedded
                    .examples
                    .iter()
                    .map(|(action, text)| ((*action).to_owned(), *text))
                    .collect(),
            })
        })
        .collect()
}
