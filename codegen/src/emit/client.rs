//! The client crate's generated module: the `Client`, the service and action descriptions
//! the runtime needs, and per action a request builder and an error code enum.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::RustFile;
use super::tokens::{docs, external_value_type, ident, lit};
use crate::check::{Action, Scalar, Service, TypeRef};

/// Every file of `src/generated/` of the client crate, paths relative to that directory.
pub fn files(service: &Service, model_crate: &str) -> Vec<RustFile> {
    let model = ident(model_crate);
    let mut files = vec![
        mod_rs(service, &model),
        client_rs(service),
        service_rs(service),
        actions_mod_rs(service),
    ];
    for action in &service.actions {
        files.push(action_rs(service, action, &model));
    }
    files
}

fn mod_rs(service: &Service, model: &Ident) -> RustFile {
    let title = format!(
        " Client of the Tencent Cloud `{}` API, version {}.",
        service.name, service.version
    );
    RustFile::tokens(
        "mod.rs",
        quote! {
            #![doc = #title]

            mod actions;
            mod client;
            mod service;

            pub use ::#model as model;
            pub use ::tencentcloud_runtime::{CommonErrorCode, Config, Error, ServiceError};
            pub use actions::*;
            pub use client::Client;
            pub use service::*;
        },
    )
}

fn client_rs(service: &Service) -> RustFile {
    let doc = format!(
        " Client of the `{}` API {}: one method per action, each returning a request \
         builder.",
        service.name, service.version
    );
    let methods = service.actions.iter().map(|action| {
        let method = ident(&action.method);
        let builder = ident(&format!("{}Builder", action.name));
        let summary = action.document.iter().take_while(|line| !line.is_empty());
        let summary = docs(&summary.cloned().collect::<Vec<_>>());
        let deprecated = deprecated_note(action);
        quote! {
            #summary
            #deprecated
            pub fn #method(&self) -> crate::generated::#builder {
                crate::generated::#builder::new(self.runtime.clone())
            }
        }
    });

    RustFile::tokens(
        "client.rs",
        quote! {
            #![doc = " The service client."]

            #[doc = #doc]
            ///
            /// Cheap to clone: clones share the connection pool, credentials and request quota.
            #[derive(Debug, Clone)]
            pub struct Client {
                runtime: ::tencentcloud_runtime::Client,
            }

            impl Client {
                /// A client for this service with `config`.
                pub fn new(config: ::tencentcloud_runtime::Config) -> Self {
                    Self::from_runtime(::tencentcloud_runtime::Client::new(
                        &crate::generated::SERVICE,
                        config,
                    ))
                }

                /// Wraps a runtime client; it must have been made for
                /// [`SERVICE`](crate::generated::SERVICE).
                pub fn from_runtime(runtime: ::tencentcloud_runtime::Client) -> Self {
                    Self { runtime }
                }

                /// The runtime client underneath, for its configuration.
                pub fn runtime(&self) -> &::tencentcloud_runtime::Client {
                    &self.runtime
                }

                #(#methods)*
            }
        },
    )
}

fn service_rs(service: &Service) -> RustFile {
    let name = lit(&service.name);
    let version = lit(&service.version);
    let international = lit(&service.endpoints.international);
    let mainland = lit(&service.endpoints.mainland);
    let regional = lit(&service.endpoints.regional);
    let service_doc = format!(
        " The `{}` service, API version {}, as the runtime needs it.",
        service.name, service.version
    );

    let actions = service.actions.iter().map(|action| {
        let name = ident(&action.const_name);
        let wire = lit(&action.name);
        let read_only = action.read_only;
        let (quota, quota_doc) = match action.quota_per_second {
            Some(per_second) => (
                quote!(::std::option::Option::Some(::tencentcloud_runtime::RequestQuota {
                    per_second: #per_second,
                })),
                format!(", at most {per_second} requests per second"),
            ),
            None => (quote!(::std::option::Option::None), String::new()),
        };
        let kind = if action.read_only { "read-only" } else { "changes state" };
        let doc = format!(" The `{}` action: {kind}{quota_doc}.", action.name);
        quote! {
            #[doc = #doc]
            pub const #name: ::tencentcloud_runtime::ActionSpec = ::tencentcloud_runtime::ActionSpec {
                name: #wire,
                read_only: #read_only,
                quota: #quota,
            };
        }
    });

    RustFile::tokens(
        "service.rs",
        quote! {
            #![doc = " Static descriptions of the service and its actions, from the spec."]

            #[doc = #service_doc]
            pub const SERVICE: ::tencentcloud_runtime::ServiceSpec = ::tencentcloud_runtime::ServiceSpec {
                name: #name,
                version: #version,
                endpoints: ::tencentcloud_runtime::EndpointSpec {
                    international: #international,
                    mainland: #mainland,
                    regional: #regional,
                },
            };

            #(#actions)*
        },
    )
}

fn actions_mod_rs(service: &Service) -> RustFile {
    let (modules, uses): (Vec<_>, Vec<_>) = service
        .actions
        .iter()
        .map(|action| {
            let module = ident(&action.module);
            let builder = ident(&format!("{}Builder", action.name));
            let codes = ident(&format!("{}ErrorCode", action.name));
            (
                quote!(mod #module;),
                quote!(pub use #module::{#builder, #codes};),
            )
        })
        .unzip();
    RustFile::tokens(
        "actions/mod.rs",
        quote! {
            #![doc = " Request builders and error codes, one file per action."]
            #(#modules)*
            #(#uses)*
        },
    )
}

fn action_rs(service: &Service, action: &Action, model: &Ident) -> RustFile {
    let builder = builder_item(service, action, model);
    let codes = super::error_codes::action_error_codes(action);
    let doc = format!(
        " The `{}` action: request builder and error codes.",
        action.name
    );
    RustFile::tokens(
        format!("actions/{}.rs", action.module),
        quote! {
            #![doc = #doc]
            #builder
            #codes
        },
    )
}

fn builder_item(service: &Service, action: &Action, model: &Ident) -> TokenStream {
    let builder = ident(&format!("{}Builder", action.name));
    let codes = ident(&format!("{}ErrorCode", action.name));
    let input = &service.objects[action.input];
    let output = &service.objects[action.output];
    let request = ident(&input.rust_name);
    let response = ident(&output.rust_name);
    let spec = ident(&action.const_name);

    let mut doc = vec![format!(
        "A `{}` request being built; [`Client::{}`](crate::generated::Client::{}) makes one.",
        action.name,
        action.method.trim_start_matches("r#"),
        action.method.trim_start_matches("r#"),
    )];
    doc.push(String::new());
    doc.extend(action.document.iter().cloned());
    let doc = docs(&doc);
    let deprecated = deprecated_note(action);
    let send_doc = docs(&[
        "Checks the request, sends it and decodes the answer.".to_owned(),
        String::new(),
        "# Errors".to_owned(),
        String::new(),
        "A required member that is not set fails before anything is sent; otherwise any \
         failure of the call: transport, an error answer of the service (match it with"
            .to_owned(),
        format!("[`{codes}::of`]), or an answer that cannot be decoded."),
    ]);

    let setters = input.members.iter().map(|member| {
        let setter = ident(&member.setter);
        let field = ident(&member.field);
        let value = external_value_type(service, model, &member.ty);
        let (param, store) = match (&member.ty, member.boxed) {
            (TypeRef::Scalar(Scalar::String), _) => (
                quote!(impl ::std::convert::Into<::std::string::String>),
                quote!(value.into()),
            ),
            (_, true) => (value, quote!(::std::boxed::Box::new(value))),
            _ => (value, quote!(value)),
        };
        let mut lines = member.document.clone();
        if member.required {
            lines.push(String::new());
            lines.push("Required.".to_owned());
        }
        let doc = docs(&lines);
        quote! {
            #doc
            pub fn #setter(mut self, value: #param) -> Self {
                self.request.#field = ::std::option::Option::Some(#store);
                self
            }
        }
    });

    quote! {
        #doc
        #deprecated
        #[derive(Debug, Clone)]
        #[must_use = "a request is sent only when `send` is awaited"]
        pub struct #builder {
            runtime: ::tencentcloud_runtime::Client,
            request: ::#model::#request,
        }

        impl #builder {
            pub(crate) fn new(runtime: ::tencentcloud_runtime::Client) -> Self {
                Self {
                    runtime,
                    request: ::std::default::Default::default(),
                }
            }

            #(#setters)*

            /// The request as built so far.
            pub fn as_request(&self) -> &::#model::#request {
                &self.request
            }

            #send_doc
            pub async fn send(self) -> ::std::result::Result<::#model::#response, ::tencentcloud_runtime::Error> {
                let action = &crate::generated::#spec;
                __step_break__!();
                self.request.validate().map_err(|missing| {
                    ::tencentcloud_runtime::Error::missing_parameter(action.name, missing.path)
                })?;
                __step_break__!();
                let body = ::serde_json::to_vec(&self.request)
                    .map_err(|source| ::tencentcloud_runtime::Error::serialize(action.name, source))?;
                __step_break__!();
                let raw = self.runtime.call(action, body).await?;
                __step_break__!();
                raw.decode()
            }
        }
    }
}

fn deprecated_note(action: &Action) -> Option<TokenStream> {
    action.deprecated.then(|| {
        quote! {
            ///
            /// The description marks this action as deprecated.
        }
    })
}
