//! The Kubernetes audit record behind a K8s API abnormal event, read from the event's `Info`.

use std::str::FromStr;

use serde::Serialize;
use serde_json::{Map, Value};

use super::decode;
use super::error::{Location, ParseError};

/// Names of the audit record's fields in the service's data.
mod field {
    pub(super) const VERB: &str = "Verb";
    pub(super) const AUDIT_ID: &str = "AuditID";
    pub(super) const POD_NAME_IP: &str = "PodNameIP";
    pub(super) const SOURCE_IPS: &str = "SourceIPS";
    pub(super) const USER_AGENT: &str = "UserAgent";
    pub(super) const REQUEST_URI: &str = "RequestURI";
    pub(super) const REQUEST_USER: &str = "RequestUser";
    pub(super) const MOUNT_HOST_DIR: &str = "MountHostDir";
    pub(super) const REQUEST_OBJECT: &str = "RequestObject";
    pub(super) const RESPONSE_OBJECT: &str = "ResponseObject";
    pub(super) const RESPONSE_STATUS_CODE: &str = "ResponseStatusCode";
}

/// Names of the request user's members in the service's data (those of Kubernetes).
mod user_member {
    pub(super) const USERNAME: &str = "username";
    pub(super) const UID: &str = "uid";
    pub(super) const GROUPS: &str = "groups";
}

/// The audit record of the API server request that raised a K8s API abnormal event.
///
/// The service sends it as JSON text in the event's `Info` member, with some fields encoded
/// as JSON text once more. [`parse_audit_record`] undoes every layer. Blank and missing
/// fields are `None` or empty lists. Serializing writes the decoded fields only; `raw` is
/// left out because it repeats them in their encoded form.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AuditRecord {
    /// The Kubernetes verb of the request, such as `list` (`Verb`).
    pub verb: Option<String>,

    /// The API server's ID of the request (`AuditID`).
    pub audit_id: Option<String>,

    /// The pod's name and IP as one piece of text (`PodNameIP`).
    // Limitation: kept whole. The service documents no format for this field and every known
    // example leaves it blank, so splitting it into name and IP would be a guess.
    pub pod_name_ip: Option<String>,

    /// The addresses the request came from, the client's first (`SourceIPS`).
    pub source_ips: Vec<String>,

    /// The client's user agent (`UserAgent`).
    pub user_agent: Option<String>,

    /// The path and query of the request (`RequestURI`).
    pub request_uri: Option<String>,

    /// The user the API server authenticated the request as (`RequestUser`).
    pub request_user: Option<RequestUser>,

    /// The host directory the request mounts into a container (`MountHostDir`).
    pub mount_host_dir: Option<String>,

    /// The body of the request (`RequestObject`).
    pub request_object: Option<Value>,

    /// The body of the response (`ResponseObject`).
    pub response_object: Option<Value>,

    /// The HTTP status code of the response (`ResponseStatusCode`).
    pub response_status_code: Option<u16>,

    /// Every field of the record as the service sent it, including those not decoded above.
    #[serde(skip)]
    pub raw: Map<String, Value>,
}

/// A Kubernetes user, as found in an audit record's `RequestUser` field.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RequestUser {
    /// The user's name, such as `system:anonymous` (`username`).
    pub username: Option<String>,

    /// The user's unique ID (`uid`).
    pub uid: Option<String>,

    /// The groups the user belongs to (`groups`).
    pub groups: Vec<String>,

    /// Every member of the user as the service sent it, including those not decoded above.
    #[serde(skip)]
    pub raw: Map<String, Value>,
}

/// Reads the audit record from an event's `Info` string.
///
/// Blank text gives an empty record. Text that is not a JSON object, or a field that cannot
/// be decoded, is an error naming the field.
pub fn parse_audit_record(info: &str) -> Result<AuditRecord, ParseError> {
    let Some(raw) = decode::object_in_text(info, &Location::AuditRecord)? else {
        return Ok(AuditRecord::default());
    };

    let value = |name: &str| raw.get(name).unwrap_or(&Value::Null);
    let text = |name: &str| decode::text(value(name), &Location::field(name));

    Ok(AuditRecord {
        verb: text(field::VERB)?,
        audit_id: text(field::AUDIT_ID)?,
        pod_name_ip: text(field::POD_NAME_IP)?,
        source_ips: decode::text_list(
            value(field::SOURCE_IPS),
            &Location::field(field::SOURCE_IPS),
        )?,
        user_agent: text(field::USER_AGENT)?,
        request_uri: text(field::REQUEST_URI)?,
        request_user: request_user(value(field::REQUEST_USER))?,
        mount_host_dir: text(field::MOUNT_HOST_DIR)?,
        request_object: decode::json(
            value(field::REQUEST_OBJECT),
            &Location::field(field::REQUEST_OBJECT),
        )?,
        response_object: decode::json(
            value(field::RESPONSE_OBJECT),
            &Location::field(field::RESPONSE_OBJECT),
        )?,
        response_status_code: decode::status_code(
            value(field::RESPONSE_STATUS_CODE),
            &Location::field(field::RESPONSE_STATUS_CODE),
        )?,
        raw,
    })
}

impl FromStr for AuditRecord {
    type Err = ParseError;

    /// Same as [`parse_audit_record`].
    fn from_str(info: &str) -> Result<AuditRecord, ParseError> {
        parse_audit_record(info)
    }
}

/// Reads the `RequestUser` field: an object, possibly inside JSON strings.
fn request_user(value: &Value) -> Result<Option<RequestUser>, ParseError> {
    let location = Location::field(field::REQUEST_USER);
    let Some(raw) = decode::object(value, &location)? else {
        return Ok(None);
    };

    let member = |name: &str| raw.get(name).unwrap_or(&Value::Null);
    let text = |name: &str| decode::text(member(name), &location.member(name));

    Ok(Some(RequestUser {
        username: text(user_member::USERNAME)?,
        uid: text(user_member::UID)?,
        groups: decode::text_list(
            member(user_member::GROUPS),
            &location.member(user_member::GROUPS),
        )?,
        raw,
    }))
}
