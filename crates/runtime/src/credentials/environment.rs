//! Credentials from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and the optional
//! `TENCENTCLOUD_SESSION_TOKEN`.

use std::fmt;
use std::sync::Arc;

use super::{BoxFuture, Credentials, CredentialsError, EnvLookup, ProvideCredentials, process_env};

/// The variable holding the SecretId.
pub(crate) const SECRET_ID_VAR: &str = "TENCENTCLOUD_SECRET_ID";
/// The variable holding the SecretKey.
pub(crate) const SECRET_KEY_VAR: &str = "TENCENTCLOUD_SECRET_KEY";
/// The variable holding the session token of temporary credentials.
pub(crate) const SESSION_TOKEN_VAR: &str = "TENCENTCLOUD_SESSION_TOKEN";

/// Reads credentials from the environment, trimming the values.
///
/// Neither variable set means "not here"; one of the two missing, or either empty, is an
/// error naming the variable. An empty session token counts as no token.
#[derive(Clone)]
pub struct EnvironmentCredentials {
    lookup: EnvLookup,
}

impl EnvironmentCredentials {
    /// Reads the process environment.
    pub fn new() -> Self {
        EnvironmentCredentials {
            lookup: process_env(),
        }
    }

    /// Reads variables through `lookup` instead of the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        EnvironmentCredentials {
            lookup: Arc::new(lookup),
        }
    }

    /// The credentials, `Ok(None)` when neither variable is set.
    pub(crate) fn read(&self) -> Result<Option<Credentials>, CredentialsError> {
        let id = (self.lookup)(SECRET_ID_VAR);
        let key = (self.lookup)(SECRET_KEY_VAR);

        let (id, key) = match (id, key) {
            (None, None) => return Ok(None),
            (Some(_), None) => {
                return Err(CredentialsError::MissingVariable {
                    variable: SECRET_KEY_VAR,
                });
            }
            (None, Some(_)) => {
                return Err(CredentialsError::MissingVariable {
                    variable: SECRET_ID_VAR,
                });
            }
            (Some(id), Some(key)) => (id, key),
        };

        let id = non_empty(&id, SECRET_ID_VAR)?;
        let key = non_empty(&key, SECRET_KEY_VAR)?;
        let mut credentials = Credentials::new(id, key);
        if let Some(token) = (self.lookup)(SESSION_TOKEN_VAR) {
            let token = token.trim();
            if !token.is_empty() {
                credentials = credentials.with_token(token);
            }
        }
        Ok(Some(credentials))
    }

    pub(crate) fn searched() -> String {
        format!("the environment variables {SECRET_ID_VAR} and {SECRET_KEY_VAR} are not set")
    }
}

impl Default for EnvironmentCredentials {
    fn default() -> Self {
        EnvironmentCredentials::new()
    }
}

impl fmt::Debug for EnvironmentCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvironmentCredentials")
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            self.read()?.ok_or_else(|| CredentialsError::NotFound {
                searched: Self::searched(),
            })
        })
    }
}

fn non_empty<'a>(value: &'a str, variable: &'static str) -> Result<&'a str, CredentialsError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(CredentialsError::EmptyVariable { variable });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn provider(vars: &[(&str, &str)]) -> EnvironmentCredentials {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        EnvironmentCredentials::from_lookup(move |name| vars.get(name).cloned())
    }

    /// The id, key and token expected, or the start of the error message.
    type Expected = Result<(&'static str, &'static str, Option<&'static str>), &'static str>;
    type Vars = &'static [(&'static str, &'static str)];

    #[test]
    fn table() {
        // (variables, expected id/key/token or the error's message)
        let cases: &[(Vars, Expected)] = &[
            (
                &[(SECRET_ID_VAR, " AKID \n"), (SECRET_KEY_VAR, "\tkey ")],
                Ok(("AKID", "key", None)),
            ),
            (
                &[
                    (SECRET_ID_VAR, "AKID"),
                    (SECRET_KEY_VAR, "key"),
                    (SESSION_TOKEN_VAR, " tok "),
                ],
                Ok(("AKID", "key", Some("tok"))),
            ),
            (
                &[
                    (SECRET_ID_VAR, "AKID"),
                    (SECRET_KEY_VAR, "key"),
                    (SESSION_TOKEN_VAR, "  "),
                ],
                Ok(("AKID", "key", None)),
            ),
            (
                &[],
                Err("no credentials were found; the environment variables"),
            ),
            (
                &[(SECRET_ID_VAR, "AKID")],
                Err("the environment variable TENCENTCLOUD_SECRET_KEY is not set"),
            ),
            (
                &[(SECRET_KEY_VAR, "key")],
                Err("the environment variable TENCENTCLOUD_SECRET_ID is not set"),
            ),
            (
                &[(SECRET_ID_VAR, "  "), (SECRET_KEY_VAR, "key")],
                Err("the environment variable TENCENTCLOUD_SECRET_ID is empty"),
            ),
            (
                &[(SECRET_ID_VAR, "AKID"), (SECRET_KEY_VAR, "")],
                Err("the environment variable TENCENTCLOUD_SECRET_KEY is empty"),
            ),
        ];

        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        for (vars, expected) in cases {
            let result = runtime.block_on(provider(vars).provide_credentials());
            match (result, expected) {
                (Ok(credentials), Ok((id, key, token))) => {
                    assert_eq!(credentials.secret_id(), *id);
                    assert_eq!(credentials.secret_key(), *key);
                    assert_eq!(credentials.token(), *token);
                }
                (Err(error), Err(message)) => {
                    assert!(error.to_string().starts_with(message), "{vars:?}: {error}");
                }
                (result, expected) => panic!("{vars:?}: got {result:?}, expected {expected:?}"),
            }
        }
    }
}
