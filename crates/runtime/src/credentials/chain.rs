//! The default order of credential sources: the environment, then the profile file.

use std::fmt;

use super::{
    BoxFuture, Credentials, CredentialsError, EnvLookup, EnvironmentCredentials,
    ProfileFileCredentials, ProvideCredentials, process_env,
};

/// Tries [`EnvironmentCredentials`], then [`ProfileFileCredentials`].
///
/// A source that is absent is skipped; a source that is present but broken (an empty
/// variable, a file without the key) stops the chain with its error, so a mistake is
/// reported instead of silently using other credentials.
#[derive(Clone)]
pub struct DefaultCredentialsChain {
    environment: EnvironmentCredentials,
    profile_file: ProfileFileCredentials,
}

impl DefaultCredentialsChain {
    /// The chain over the process environment and the real home directory.
    pub fn new() -> Self {
        DefaultCredentialsChain::from_env_lookup(process_env())
    }

    /// The chain with every environment lookup (credentials, file location, home) going
    /// through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        DefaultCredentialsChain::from_env_lookup(std::sync::Arc::new(lookup))
    }

    fn from_env_lookup(lookup: EnvLookup) -> Self {
        let for_environment = lookup.clone();
        DefaultCredentialsChain {
            environment: EnvironmentCredentials::from_lookup(move |name| for_environment(name)),
            profile_file: ProfileFileCredentials::from_env_lookup(lookup),
        }
    }
}

impl Default for DefaultCredentialsChain {
    fn default() -> Self {
        DefaultCredentialsChain::new()
    }
}

impl fmt::Debug for DefaultCredentialsChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultCredentialsChain")
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            if let Some(credentials) = self.environment.read()? {
                tracing::debug!(source = "environment", "found credentials");
                return Ok(credentials);
            }

            match self.profile_file.read().await? {
                Ok(credentials) => {
                    tracing::debug!(source = "profile file", "found credentials");
                    Ok(credentials)
                }
                Err(no_file) => Err(CredentialsError::NotFound {
                    searched: format!("{}, and {no_file}", EnvironmentCredentials::searched()),
                }),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn chain(vars: &[(&str, &str)]) -> DefaultCredentialsChain {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        DefaultCredentialsChain::from_lookup(move |name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("tc-chain-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("credentials");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[tokio::test]
    async fn environment_wins_over_the_file() {
        let file = temp_file("env-wins", "[default]\nsecret_id = FILE\nsecret_key = k\n");
        let chain = chain(&[
            ("TENCENTCLOUD_SECRET_ID", "ENV"),
            ("TENCENTCLOUD_SECRET_KEY", "k"),
            ("TENCENTCLOUD_CREDENTIALS_FILE", file.to_str().unwrap()),
        ]);

        assert_eq!(
            chain.provide_credentials().await.unwrap().secret_id(),
            "ENV"
        );
    }

    #[tokio::test]
    async fn file_is_used_without_environment() {
        let file = temp_file("file-used", "[default]\nsecret_id = FILE\nsecret_key = k\n");
        let chain = chain(&[("TENCENTCLOUD_CREDENTIALS_FILE", file.to_str().unwrap())]);

        assert_eq!(
            chain.provide_credentials().await.unwrap().secret_id(),
            "FILE"
        );
    }

    #[tokio::test]
    async fn home_directory_file_is_found() {
        let file = temp_file("home", "[default]\nsecret_id = HOME\nsecret_key = k\n");
        let home = file.parent().unwrap().join("home");
        std::fs::create_dir_all(home.join(".tencentcloud")).unwrap();
        std::fs::copy(&file, home.join(".tencentcloud/credentials")).unwrap();
        let chain = chain(&[("HOME", home.to_str().unwrap())]);

        assert_eq!(
            chain.provide_credentials().await.unwrap().secret_id(),
            "HOME"
        );
    }

    #[tokio::test]
    async fn broken_environment_stops_the_chain() {
        let file = temp_file(
            "env-broken",
            "[default]\nsecret_id = FILE\nsecret_key = k\n",
        );
        let chain = chain(&[
            ("TENCENTCLOUD_SECRET_ID", "ENV"),
            ("TENCENTCLOUD_SECRET_KEY", " "),
            ("TENCENTCLOUD_CREDENTIALS_FILE", file.to_str().unwrap()),
        ]);

        let error = chain.provide_credentials().await.unwrap_err();
        assert!(
            matches!(error, CredentialsError::EmptyVariable { variable } if variable == "TENCENTCLOUD_SECRET_KEY")
        );
    }

    #[tokio::test]
    async fn nothing_found_names_both_places() {
        let missing = Path::new("/nonexistent-tc-dir/credentials");
        let chain = chain(&[("TENCENTCLOUD_CREDENTIALS_FILE", missing.to_str().unwrap())]);

        let error = chain.provide_credentials().await.unwrap_err();
        let message = error.to_string();
        assert!(message.contains("TENCENTCLOUD_SECRET_ID"), "{message}");
        assert!(
            message.contains("/nonexistent-tc-dir/credentials does not exist"),
            "{message}"
        );
    }
}
