//! Where requests go: the service's international, mainland or regional domain, or any URL.

use crate::error::Error;
use crate::spec::ServiceSpec;

/// Which address of a service requests are sent to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Endpoint {
    /// The international domain, such as `tcss.intl.tencentcloudapi.com`.
    #[default]
    International,
    /// The mainland China domain, such as `tcss.tencentcloudapi.com`.
    Mainland,
    /// The domain of one region, such as `tcss.ap-guangzhou.tencentcloudapi.com`.
    Regional(String),
    /// Any URL, such as a local emulator's `http://127.0.0.1:8080`. Plain http is used only
    /// when the URL says `http://`; a URL without a scheme means https.
    Url(String),
}

impl Endpoint {
    /// The domain of `region`.
    pub fn regional(region: impl Into<String>) -> Self {
        Endpoint::Regional(region.into())
    }

    /// Any URL.
    pub fn url(url: impl Into<String>) -> Self {
        Endpoint::Url(url.into())
    }

    /// Resolves the address for `service`.
    pub fn resolve(&self, service: &ServiceSpec) -> Result<ResolvedEndpoint, Error> {
        match self {
            Endpoint::International => Ok(ResolvedEndpoint::https(service.endpoints.international)),
            Endpoint::Mainland => Ok(ResolvedEndpoint::https(service.endpoints.mainland)),
            Endpoint::Regional(region) => {
                let region = region.trim();
                if region.is_empty()
                    || !region
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-')
                {
                    return Err(Error::InvalidEndpoint {
                        url: service.endpoints.regional.replace("{region}", region),
                        reason: format!("`{region}` is not a region name"),
                    });
                }
                Ok(ResolvedEndpoint::https(
                    &service.endpoints.regional.replace("{region}", region),
                ))
            }
            Endpoint::Url(url) => ResolvedEndpoint::parse(url),
        }
    }
}

/// An endpoint reduced to what a request needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedEndpoint {
    scheme: &'static str,
    authority: String,
    path: String,
}

impl ResolvedEndpoint {
    fn https(host: &str) -> Self {
        ResolvedEndpoint {
            scheme: "https",
            authority: host.to_owned(),
            path: "/".to_owned(),
        }
    }

    fn parse(url: &str) -> Result<Self, Error> {
        let invalid = |reason: &str| Error::InvalidEndpoint {
            url: url.to_owned(),
            reason: reason.to_owned(),
        };

        let trimmed = url.trim();
        let (scheme, rest) = match trimmed.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => ("https", rest),
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => ("http", rest),
            Some(_) => return Err(invalid("only http:// and https:// URLs are supported")),
            None => ("https", trimmed),
        };

        let (authority, path) = match rest.find(['/', '?', '#']) {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, "/"),
        };
        if path.contains(['?', '#']) {
            return Err(invalid("a query or fragment cannot be part of an endpoint"));
        }
        if authority.is_empty() || authority.contains('@') {
            return Err(invalid("the URL needs a host and no user information"));
        }
        if http::uri::Authority::try_from(authority).is_err() {
            return Err(invalid("the host is not valid"));
        }

        Ok(ResolvedEndpoint {
            scheme,
            authority: authority.to_ascii_lowercase(),
            path: path.to_owned(),
        })
    }

    /// `https` or `http`.
    pub fn scheme(&self) -> &str {
        self.scheme
    }

    /// The host, with the port when one was given; the value of the `Host` header.
    pub fn host(&self) -> &str {
        &self.authority
    }

    /// The path requests are posted to, `/` unless a URL said otherwise.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The whole URL requests are posted to.
    pub fn uri(&self) -> String {
        format!("{}://{}{}", self.scheme, self.authority, self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::EndpointSpec;

    const SERVICE: ServiceSpec = ServiceSpec {
        name: "tcss",
        version: "2020-11-01",
        endpoints: EndpointSpec {
            international: "tcss.intl.tencentcloudapi.com",
            mainland: "tcss.tencentcloudapi.com",
            regional: "tcss.{region}.tencentcloudapi.com",
        },
    };

    #[test]
    fn resolution_table() {
        let cases: &[(Endpoint, &str, &str)] = &[
            (
                Endpoint::default(),
                "https://tcss.intl.tencentcloudapi.com/",
                "tcss.intl.tencentcloudapi.com",
            ),
            (
                Endpoint::Mainland,
                "https://tcss.tencentcloudapi.com/",
                "tcss.tencentcloudapi.com",
            ),
            (
                Endpoint::regional("ap-guangzhou"),
                "https://tcss.ap-guangzhou.tencentcloudapi.com/",
                "tcss.ap-guangzhou.tencentcloudapi.com",
            ),
            (
                Endpoint::url("http://127.0.0.1:8080"),
                "http://127.0.0.1:8080/",
                "127.0.0.1:8080",
            ),
            (
                Endpoint::url("HTTP://Localhost:9/api/"),
                "http://localhost:9/api/",
                "localhost:9",
            ),
            (
                Endpoint::url("https://example.com"),
                "https://example.com/",
                "example.com",
            ),
            (
                Endpoint::url("example.com:8443"),
                "https://example.com:8443/",
                "example.com:8443",
            ),
        ];
        for (endpoint, uri, host) in cases {
            let resolved = endpoint.resolve(&SERVICE).unwrap();
            assert_eq!(resolved.uri(), *uri, "{endpoint:?}");
            assert_eq!(resolved.host(), *host, "{endpoint:?}");
        }
    }

    #[test]
    fn unusable_endpoints_are_rejected_table() {
        let cases = [
            Endpoint::url("ftp://example.com"),
            Endpoint::url("http://"),
            Endpoint::url("http://user:pw@example.com"),
            Endpoint::url("http://example.com/?a=b"),
            Endpoint::url("http://exa mple.com"),
            Endpoint::regional(""),
            Endpoint::regional("ap/guangzhou"),
        ];
        for endpoint in cases {
            let error = endpoint.resolve(&SERVICE).unwrap_err();
            assert!(
                matches!(error, Error::InvalidEndpoint { .. }),
                "{endpoint:?}: {error}"
            );
        }
    }
}
