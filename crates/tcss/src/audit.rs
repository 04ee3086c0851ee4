//! Typed views of the members of a K8s API abnormal event that the service sends as JSON
//! text inside a string.
//!
//! The generated model keeps these members as the strings the service sends, so that an
//! event always decodes. This module reads them on demand:
//!
//! - [`parse_audit_record`] reads `Info` into an [`AuditRecord`];
//! - [`parse_scope`] reads `MatchRule.Scope` and [`parse_highlight_values`] reads
//!   `HighLightFieldsVal`, both into [`FieldValues`];
//! - [`EventInfoExt`] offers the three as methods of the generated event type.
//!
//! The service nests JSON text in JSON text (in `Info`, `SourceIPS` and `RequestUser` are
//! strings holding JSON, and `groups` inside `RequestUser` is one again), but not always, so
//! every field is accepted both encoded and as the plain structure. Blank and missing fields
//! are absent rather than errors. Anything else that does not fit is a [`ParseError`] that
//! names the field; no input makes these functions panic.
//!
//! ```
//! use tencentcloud_tcss::audit::parse_audit_record;
//!
//! let info = r#"{"Verb": "list", "SourceIPS": "[\"10.0.0.4\"]", "ResponseStatusCode": "200"}"#;
//! let record = parse_audit_record(info)?;
//! assert_eq!(record.verb.as_deref(), Some("list"));
//! assert_eq!(record.source_ips, ["10.0.0.4"]);
//! assert_eq!(record.response_status_code, Some(200));
//! # Ok::<(), tencentcloud_tcss::audit::ParseError>(())
//! ```

mod decode;
mod error;
mod event_ext;
mod field_values;
mod record;

pub use error::{Location, ParseError};
pub use event_ext::EventInfoExt;
pub use field_values::{FieldValues, parse_highlight_values, parse_scope};
pub use record::{AuditRecord, RequestUser, parse_audit_record};
