//! Credentials from the INI profile file: `TENCENTCLOUD_CREDENTIALS_FILE`, else
//! `~/.tencentcloud/credentials`, section `[default]`, keys `secret_id`, `secret_key` and the
//! optional `token`.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use super::{BoxFuture, Credentials, CredentialsError, EnvLookup, ProvideCredentials, process_env};

/// The variable naming the credentials file.
pub(crate) const CREDENTIALS_FILE_VAR: &str = "TENCENTCLOUD_CREDENTIALS_FILE";

/// The section read unless another profile is chosen.
pub(crate) const DEFAULT_PROFILE: &str = "default";

/// Reads credentials from the INI profile file.
///
/// A missing file means "not here"; a file that exists but lacks the section or a key, has
/// an empty value or a malformed line is an error naming the file and the key.
#[derive(Clone)]
pub struct ProfileFileCredentials {
    location: Location,
    profile: String,
}

#[derive(Clone)]
enum Location {
    /// Resolve `TENCENTCLOUD_CREDENTIALS_FILE`, then the home directory, through a lookup.
    Lookup(EnvLookup),
    /// A fixed file.
    Path(PathBuf),
}

impl ProfileFileCredentials {
    /// Reads the file the process environment points to, or the one in the home directory.
    pub fn new() -> Self {
        ProfileFileCredentials {
            location: Location::Lookup(process_env()),
            profile: default(),
        }
    }

    /// Finds the file through `lookup` (for `TENCENTCLOUD_CREDENTIALS_FILE`, `HOME` and
    /// `USERPROFILE`) instead of the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        ProfileFileCredentials {
            location: Location::Lookup(Arc::new(lookup)),
            profile: default(),
        }
    }

    pub(crate) fn from_env_lookup(lookup: EnvLookup) -> Self {
        ProfileFileCredentials {
            location: Location::Lookup(lookup),
            profile: default(),
        }
    }

    /// Reads the file at `path`.
    pub fn from_path(path: impl Into<PathBuf>) -> Self {
        ProfileFileCredentials {
            location: Location::Path(path.into()),
            profile: default(),
        }
    }

    /// Reads section `[profile]` instead of `[default]`.
    pub fn with_profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = profile.into();
        self
    }

    /// The file to read, or a description of why there is none.
    fn path(&self) -> Result<PathBuf, String> {
        let lookup = match &self.location {
            Location::Path(path) => return Ok(path.clone()),
            Location::Lookup(lookup) => lookup,
        };

        if let Some(path) = lookup(CREDENTIALS_FILE_VAR).filter(|path| !path.trim().is_empty()) {
            return Ok(PathBuf::from(path.trim()));
        }
        let home = lookup("HOME")
            .or_else(|| lookup("USERPROFILE"))
            .filter(|home| !home.trim().is_empty())
            .ok_or_else(|| {
                format!("{CREDENTIALS_FILE_VAR} is not set and there is no home directory")
            })?;
        Ok(PathBuf::from(home.trim())
            .join(".tencentcloud")
            .join("credentials"))
    }

    /// The credentials, or `Ok(Err(searched))` describing where no file was found.
    pub(crate) async fn read(&self) -> Result<Result<Credentials, String>, CredentialsError> {
        let path = match self.path() {
            Ok(path) => path,
            Err(searched) => return Ok(Err(searched)),
        };

        let text = match tokio::fs::read_to_string(&path).await {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Err(format!(
                    "the credentials file {} does not exist",
                    path.display()
                )));
            }
            Err(source) => return Err(CredentialsError::ReadFile { path, source }),
        };

        parse_profile(&text, &self.profile, path).map(Ok)
    }
}

fn default() -> String {
    DEFAULT_PROFILE.to_owned()
}

impl Default for ProfileFileCredentials {
    fn default() -> Self {
        ProfileFileCredentials::new()
    }
}

impl fmt::Debug for ProfileFileCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("ProfileFileCredentials");
        if let Location::Path(path) = &self.location {
            debug.field("path", path);
        }
        debug
            .field("profile", &self.profile)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for ProfileFileCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            self.read()
                .await?
                .map_err(|searched| CredentialsError::NotFound { searched })
        })
    }
}

/// Reads `profile`'s credentials from the text of an INI file.
///
/// Lines are `[section]`, `key = value`, blank, or comments starting with `#` or `;`; keys
/// and values are trimmed.
fn parse_profile(
    text: &str,
    profile: &str,
    path: PathBuf,
) -> Result<Credentials, CredentialsError> {
    let mut section: Option<&str> = None;
    let mut found_section = false;
    let (mut id, mut key, mut token) = (None, None, None);

    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }

        if let Some(name) = line
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            section = Some(name.trim());
            found_section |= name.trim() == profile;
            continue;
        }

        let Some((name, value)) = line.split_once('=') else {
            return Err(CredentialsError::Syntax {
                path,
                line: index + 1,
            });
        };
        if section != Some(profile) {
            continue;
        }
        let value = value.trim();
        match name.trim() {
            "secret_id" => id = Some(value),
            "secret_key" => key = Some(value),
            "token" => token = Some(value),
            _ => {}
        }
    }

    if !found_section {
        return Err(CredentialsError::MissingSection {
            path,
            section: profile.to_owned(),
        });
    }
    let required = |value: Option<&str>, name: &'static str| match value {
        None => Err(CredentialsError::MissingKey {
            path: path.clone(),
            section: profile.to_owned(),
            key: name,
        }),
        Some("") => Err(CredentialsError::EmptyKey {
            path: path.clone(),
            section: profile.to_owned(),
            key: name,
        }),
        Some(value) => Ok(value.to_owned()),
    };

    let mut credentials =
        Credentials::new(required(id, "secret_id")?, required(key, "secret_key")?);
    if let Some(token) = token.filter(|token| !token.is_empty()) {
        credentials = credentials.with_token(token);
    }
    Ok(credentials)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The id, key and token expected, or the start of the error message.
    type Expected = Result<(&'static str, &'static str, Option<&'static str>), &'static str>;
    type Vars = &'static [(&'static str, &'static str)];

    #[test]
    fn parse_table() {
        // (file text, expected id/key/token or the start of the error message)
        let cases: &[(&str, Expected)] = &[
            (
                "[default]\nsecret_id = AKID\nsecret_key = key\n",
                Ok(("AKID", "key", None)),
            ),
            (
                "# comment\n; other\n[prod]\nsecret_id=P\nsecret_key=Q\n\n[ default ]\n  secret_id =  AKID  \r\nsecret_key= k=ey \r\ntoken = t\n",
                Ok(("AKID", "k=ey", Some("t"))),
            ),
            (
                "[default]\nsecret_id = AKID\nsecret_key = key\ntoken =\n",
                Ok(("AKID", "key", None)),
            ),
            (
                "[prod]\nsecret_id = A\nsecret_key = B\n",
                Err("the credentials file /f has no [default] section"),
            ),
            (
                "[default]\nsecret_key = key\n",
                Err("the [default] section of the credentials file /f has no `secret_id`"),
            ),
            (
                "[default]\nsecret_id = A\nsecret_key =   \n",
                Err("`secret_key` in the [default] section of the credentials file /f is empty"),
            ),
            (
                "[default]\nsecret_id = A\nthis is not ini\n",
                Err("line 3 of the credentials file /f is not"),
            ),
            ("", Err("the credentials file /f has no [default] section")),
        ];
        for (text, expected) in cases {
            match (
                parse_profile(text, DEFAULT_PROFILE, PathBuf::from("/f")),
                expected,
            ) {
                (Ok(credentials), Ok((id, key, token))) => {
                    assert_eq!(credentials.secret_id(), *id);
                    assert_eq!(credentials.secret_key(), *key);
                    assert_eq!(credentials.token(), *token);
                }
                (Err(error), Err(message)) => {
                    assert!(error.to_string().starts_with(message), "{text:?}: {error}");
                }
                (result, expected) => panic!("{text:?}: got {result:?}, expected {expected:?}"),
            }
        }
    }

    #[test]
    fn path_resolution_table() {
        let cases: &[(Vars, Result<&str, &str>)] = &[
            (
                &[(CREDENTIALS_FILE_VAR, "/etc/tc"), ("HOME", "/home/u")],
                Ok("/etc/tc"),
            ),
            (
                &[("HOME", "/home/u")],
                Ok("/home/u/.tencentcloud/credentials"),
            ),
            (
                &[(CREDENTIALS_FILE_VAR, " "), ("HOME", "/home/u")],
                Ok("/home/u/.tencentcloud/credentials"),
            ),
            (
                &[("USERPROFILE", "/users/u")],
                Ok("/users/u/.tencentcloud/credentials"),
            ),
            (
                &[],
                Err("TENCENTCLOUD_CREDENTIALS_FILE is not set and there is no home directory"),
            ),
        ];
        for (vars, expected) in cases {
            let vars: Vec<(String, String)> = vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let provider = ProfileFileCredentials::from_lookup(move |name| {
                vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
            });
            let actual = provider
                .path()
                .map(|path| path.to_string_lossy().into_owned());
            assert_eq!(actual.as_deref().map_err(String::as_str), *expected);
        }
    }
}
