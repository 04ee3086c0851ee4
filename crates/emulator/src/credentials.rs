//! The credentials the emulator accepts.

use std::fmt;

/// A SecretId and SecretKey the emulator accepts, and the session token they need, if any.
///
/// Credentials with a token stand for temporary (STS) credentials: the emulator answers
/// `AuthFailure.TokenFailure` unless the request carries exactly that token in
/// `X-TC-Token`. `Debug` shows the SecretId only.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
}

impl Credential {
    /// Permanent credentials: a SecretId and its SecretKey, no token.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credential {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
        }
    }

    /// The same credentials, now requiring `token` in `X-TC-Token`.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The SecretId, which names the key in the `Authorization` header.
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The SecretKey a client signs with.
    pub fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// The session token requests must carry, if these credentials need one.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The permanent credentials an emulator accepts unless told otherwise.
    ///
    /// Fixed values, so a person can copy them from the binary's output once and reuse them.
    pub(crate) fn default_permanent() -> Self {
        Credential::new(
            "AKIDEmulatorPermanent000000000000000",
            "EmulatorPermanentSecretKey000000",
        )
    }

    /// The temporary credentials an emulator accepts unless told otherwise.
    pub(crate) fn default_session() -> Self {
        Credential::new(
            "AKIDEmulatorSession00000000000000000",
            "EmulatorSessionSecretKey00000000",
        )
        .with_token("emulator-session-token-0000000000000000")
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"<redacted>")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// All credentials one emulator accepts, looked up by SecretId.
#[derive(Debug, Clone, Default)]
pub(crate) struct CredentialStore {
    accepted: Vec<Credential>,
}

impl CredentialStore {
    /// Adds credentials; a later entry with the same SecretId replaces the earlier one.
    pub(crate) fn insert(&mut self, credential: Credential) {
        self.accepted
            .retain(|known| known.secret_id != credential.secret_id);
        self.accepted.push(credential);
    }

    /// The credentials with this SecretId.
    pub(crate) fn find(&self, secret_id: &str) -> Option<&Credential> {
        self.accepted
            .iter()
            .find(|known| known.secret_id == secret_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_secret() {
        let credential = Credential::new("AKIDvisible", "hidden-key").with_token("hidden-token");
        let shown = format!("{credential:?}");
        assert!(shown.contains("AKIDvisible"), "{shown}");
        assert!(!shown.contains("hidden-"), "{shown}");
    }

    #[test]
    fn store_finds_by_secret_id_and_replaces_duplicates() {
        let mut store = CredentialStore::default();
        store.insert(Credential::new("A", "old"));
        store.insert(Credential::new("B", "b"));
        store.insert(Credential::new("A", "new"));

        assert_eq!(store.find("A").map(Credential::secret_key), Some("new"));
        assert_eq!(store.find("B").map(Credential::secret_key), Some("b"));
        assert_eq!(store.find("C"), None);
    }

    #[test]
    fn default_credentials_differ_and_only_the_session_ones_need_a_token() {
        let permanent = Credential::default_permanent();
        let session = Credential::default_session();
        assert_ne!(permanent.secret_id(), session.secret_id());
        assert_eq!(permanent.token(), None);
        assert!(session.token().is_some());
    }
}
