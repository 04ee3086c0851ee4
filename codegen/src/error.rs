//! Errors of every stage, each naming the file and, where it applies, the action or
//! object and the member a maintainer has to fix.

use std::path::PathBuf;

/// Why a description could not be turned into code or the code could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CodegenError {
    /// A spec file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// A spec file is not valid JSON or does not have the expected shape.
    #[error("{} is malformed: {reason}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// Where in the file and what is wrong, as a sentence.
        reason: String,
    },

    /// A member has a type (or list element type) the generator does not know.
    #[error(
        "{}: member `{member}` of {owner} has type `{ty}` with element `{element}`, which the \
         generator does not know; use int (uint64, int64), float, bool, string (string, date, \
         datetime, datetime_iso), list or object",
        path.display()
    )]
    UnknownType {
        /// The description file.
        path: PathBuf,
        /// The action or object holding the member, e.g. "object `PortInfo`".
        owner: String,
        /// The member's name as the description spells it.
        member: String,
        /// The member's `type`.
        ty: String,
        /// The member's `member` (element type).
        element: String,
    },

    /// A member, action input or action output names an object the description lacks.
    #[error(
        "{}: {member} of {owner} refers to object `{target}`, which the description does not \
         define",
        path.display()
    )]
    DanglingReference {
        /// The description file.
        path: PathBuf,
        /// The action or object holding the reference.
        owner: String,
        /// The member (or "input"/"output" of an action) holding the reference.
        member: String,
        /// The missing object.
        target: String,
    },

    /// An object lists the same member twice.
    #[error("{}: {owner} has member `{member}` more than once", path.display())]
    DuplicateMember {
        /// The description file.
        path: PathBuf,
        /// The object.
        owner: String,
        /// The repeated member.
        member: String,
    },

    /// A name cannot be turned into Rust, or two generated names clash.
    #[error("{}: {owner}: {reason}", path.display())]
    Naming {
        /// The description file.
        path: PathBuf,
        /// The action, object or member concerned.
        owner: String,
        /// What clashes or is invalid, as a sentence.
        reason: String,
    },

    /// The side file lists an action the description does not define.
    #[error(
        "{}: action `{action}` is listed for generation, but {} does not define it",
        path.display(),
        api.display()
    )]
    UnknownAction {
        /// The side file.
        path: PathBuf,
        /// The description file.
        api: PathBuf,
        /// The listed action.
        action: String,
    },

    /// Generated tokens did not form valid Rust (a generator bug).
    #[error("the generated code for {path} is not valid Rust ({reason}); this is a generator bug")]
    InvalidTokens {
        /// The file being generated.
        path: String,
        /// What syn reported.
        reason: String,
    },

    /// rustfmt could not be run or rejected the generated code.
    #[error("rustfmt could not format the generated code: {reason}")]
    Format {
        /// What went wrong.
        reason: String,
    },

    /// A generated file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}
