//! The error `validate` returns for a required request member that is not set.

use std::fmt;

/// A required request member that is not set, found before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingMember {
    /// Where the member is, in wire names: `ID`, or `Filters[0].Name` inside a list.
    pub path: String,
}

impl MissingMember {
    /// The member `name` of the object being validated.
    pub fn new(name: &str) -> Self {
        Self {
            path: name.to_owned(),
        }
    }

    /// The same member, seen from the object holding it in member `parent`.
    pub fn within(self, parent: &str) -> Self {
        Self {
            path: format!("{parent}.{}", self.path),
        }
    }

    /// The same member, seen from the object holding it at `index` of list member `parent`.
    pub fn within_list(self, parent: &str, index: usize) -> Self {
        Self {
            path: format!("{parent}[{index}].{}", self.path),
        }
    }
}

impl fmt::Display for MissingMember {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "the required member `{}` is not set", self.path)
    }
}

impl std::error::Error for MissingMember {}
