//! The typed views as methods of the generated event type.

use crate::model::K8sApiAbnormalEventInfo;

use super::{AuditRecord, FieldValues, ParseError};

/// Reads the JSON-in-string members of a [`K8sApiAbnormalEventInfo`] as typed values.
///
/// The generated type keeps those members as text so that an event always decodes; these
/// methods parse them on demand and name the member when one is malformed.
pub trait EventInfoExt {
    /// The event's `Info` member as an audit record.
    fn audit_record(&self) -> Result<AuditRecord, ParseError>;

    /// The `Scope` of the rule the event matched; empty when the rule has none.
    fn match_rule_scope(&self) -> Result<FieldValues, ParseError>;

    /// The values of the highlighted fields; empty when the service sent none.
    fn highlight_values(&self) -> Result<FieldValues, ParseError>;
}

impl EventInfoExt for K8sApiAbnormalEventInfo {
    fn audit_record(&self) -> Result<AuditRecord, ParseError> {
        super::parse_audit_record(&self.info)
    }

    fn match_rule_scope(&self) -> Result<FieldValues, ParseError> {
        super::parse_scope(self.match_rule.scope.as_deref().unwrap_or_default())
    }

    fn highlight_values(&self) -> Result<FieldValues, ParseError> {
        super::parse_highlight_values(self.high_light_fields_val.as_deref().unwrap_or_default())
    }
}
