//! Error code enums: one per action in the client crate, and the runtime's
//! `CommonErrorCode` from `spec/common-errors.json`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::RustFile;
use super::tokens::{docs, ident, lit};
use crate::check::Action;
use crate::naming;
use crate::parse::CommonErrorsFile;

/// `<Action>ErrorCode`: the action's own codes, then the common ones, then anything else.
pub fn action_error_codes(action: &Action) -> TokenStream {
    let name = ident(&format!("{}ErrorCode", action.name));

    let variants = action.errors.iter().map(|code| {
        let variant = ident(&code.variant);
        let doc = docs(&[format!("`{}`: {}", code.code, code.description)]);
        quote! {
            #doc
            #variant,
        }
    });

    let as_str_arms = action.errors.iter().map(|code| {
        let variant = ident(&code.variant);
        let wire = lit(&code.code);
        quote!(Self::#variant => #wire,)
    });

    let fallback = quote! {
        match ::tencentcloud_runtime::CommonErrorCode::from_code(code) {
            ::std::option::Option::Some(common) => Self::Common(common),
            ::std::option::Option::None => Self::Unknown(code.to_owned()),
        }
    };
    let categories: Vec<_> = action
        .errors
        .iter()
        .filter(|code| !code.code.contains('.'))
        .map(|code| {
            let variant = ident(&code.variant);
            let wire = lit(&code.code);
            quote!(#wire => Self::#variant,)
        })
        .collect();
    let by_category = if categories.is_empty() {
        fallback
    } else {
        quote! {
            match code.split_once('.').map_or(code, |(category, _)| category) {
                #(#categories)*
                _ => #fallback,
            }
        }
    };
    let exact: Vec<_> = action
        .errors
        .iter()
        .filter(|code| code.code.contains('.'))
        .map(|code| {
            let variant = ident(&code.variant);
            let wire = lit(&code.code);
            quote!(#wire => Self::#variant,)
        })
        .collect();
    let body = if exact.is_empty() {
        by_category
    } else {
        quote! {
            match code {
                #(#exact)*
                _ => #by_category,
            }
        }
    };

    let doc = docs(&[
        format!(
            "The error codes `{}` can answer with: its own codes, the common codes of API 3.0, \
             and any other code kept whole.",
            action.name
        ),
        String::new(),
        "Codes are matched by category (the part before the first `.`), the action's own codes \
         first; the whole code stays in [`ServiceError::code`](crate::generated::ServiceError)."
            .to_owned(),
    ]);

    quote! {
        #doc
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum #name {
            #(#variants)*
            /// A common code of API 3.0 that is not one of the action's own.
            Common(::tencentcloud_runtime::CommonErrorCode),
            /// A code this version of the SDK does not know, kept whole.
            Unknown(::std::string::String),
        }

        impl #name {
            /// The code of an error answer of the service; `None` when the call failed
            /// otherwise.
            pub fn of(error: &::tencentcloud_runtime::Error) -> ::std::option::Option<Self> {
                error
                    .service_error()
                    .map(|service| Self::from_code(&service.code))
            }

            /// Classifies a whole code such as `ResourceNotFound.EventNotFound`.
            pub fn from_code(code: &str) -> Self {
                #body
            }

            /// The code (for own codes and unknown ones) or category (for common ones).
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::Common(common) => common.as_str(),
                    Self::Unknown(code) => code,
                }
            }
        }
    }
}

/// `crates/runtime/src/common_error_code.rs`: one variant per category of the common codes.
pub fn common_error_code_file(errors: &CommonErrorsFile) -> Result<RustFile, String> {
    let mut categories: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for error in &errors.errors {
        let category = error
            .code
            .split_once('.')
            .map_or(error.code.as_str(), |(category, _)| category);
        categories
            .entry(category)
            .or_default()
            .push((error.code.as_str(), error.description.as_str()));
    }

    let mut variants = Vec::new();
    let mut names = Vec::new();
    let mut as_str = Vec::new();
    let mut from_code = Vec::new();
    for (category, codes) in &categories {
        if !naming::is_plain_identifier(category) || naming::is_keyword(category) {
            return Err(format!(
                "common error category `{category}` is not a Rust name"
            ));
        }
        let variant = ident(category);
        let wire = lit(category);

        let mut lines = Vec::new();
        match codes.iter().find(|(code, _)| code == category) {
            Some((_, description)) => lines.push((*description).to_owned()),
            None => lines.push(format!("Codes of the `{category}` category.")),
        }
        let subcodes: Vec<_> = codes.iter().filter(|(code, _)| code != category).collect();
        if !subcodes.is_empty() {
            lines.push(String::new());
            lines.push("Sub-codes:".to_owned());
            for (code, description) in subcodes {
                lines.push(format!("- `{code}`: {description}"));
            }
        }
        let doc = docs(&lines);

        variants.push(quote!(#doc #variant,));
        names.push(quote!(CommonErrorCode::#variant,));
        as_str.push(quote!(CommonErrorCode::#variant => #wire,));
        from_code.push(quote!(#wire => Some(CommonErrorCode::#variant),));
    }

    Ok(RustFile::tokens(
        "common_error_code.rs",
        quote! {
            //! The categories of the API 3.0 common error codes, shared by every service.

            /// A category of the common error codes: the part of a code before its first `.`.
            ///
            /// Sub-codes such as `AuthFailure.SignatureExpire` belong to their category
            /// ([`CommonErrorCode::AuthFailure`]); the whole code stays available in
            /// [`ServiceError::code`](crate::ServiceError::code).
            #[non_exhaustive]
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum CommonErrorCode {
                #(#variants)*
            }

            impl CommonErrorCode {
                /// Every category, in alphabetical order.
                pub const ALL: &'static [CommonErrorCode] = &[#(#names)*];

                /// The category name as it appears in codes, such as `AuthFailure`.
                pub fn as_str(self) -> &'static str {
                    match self {
                        #(#as_str)*
                    }
                }

                /// The category of a whole code, or `None` when the category is not a common one.
                ///
                /// `from_code("AuthFailure.SignatureExpire")` is `Some(CommonErrorCode::AuthFailure)`.
                pub fn from_code(code: &str) -> Option<CommonErrorCode> {
                    let category = code.split_once('.').map_or(code, |(category, _)| category);
                    match category {
                        #(#from_code)*
                        _ => None,
                    }
                }
            }

            impl std::fmt::Display for CommonErrorCode {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }
        },
    ))
}
