//! The model crate: one struct per object, grouped in one file per action (its input and
//! output) or per free-standing object, plus the lenient decoding helpers.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::RustFile;
use super::tokens::{docs, field_type, ident, lit};
use crate::check::{Object, Repr, Service, element_object};

/// The lenient decoding helpers, copied into every model crate.
const LENIENT_TEMPLATE: &str = include_str!("../../templates/lenient.rs");

/// The `MissingMember` error, copied into every model crate.
const MISSING_MEMBER_TEMPLATE: &str = include_str!("../../templates/missing_member.rs");

/// Every source file of the model crate, paths relative to its `src/`.
pub fn files(service: &Service) -> Vec<RustFile> {
    let mut files = vec![
        lib_rs(service),
        RustFile::text("lenient.rs", LENIENT_TEMPLATE),
        RustFile::text("missing_member.rs", MISSING_MEMBER_TEMPLATE),
    ];

    let mut by_action: BTreeMap<usize, Vec<&Object>> = BTreeMap::new();
    let mut free: Vec<&Object> = Vec::new();
    for object in &service.objects {
        match object.owner {
            Some(action) => by_action.entry(action).or_default().push(object),
            None => free.push(object),
        }
    }

    for (action, objects) in &by_action {
        let action = &service.actions[*action];
        let module_doc = format!(" Input and output of the `{}` action.", action.name);
        let items = objects.iter().map(|object| object_item(service, object));
        files.push(RustFile::tokens(
            format!("actions/{}.rs", action.module),
            quote! {
                #![doc = #module_doc]
                #(#items)*
            },
        ));
    }
    files.push(mod_rs(
        "actions/mod.rs",
        " The input and output objects of every action.",
        by_action.values().map(|objects| {
            let names: Vec<&str> = objects.iter().map(|o| o.rust_name.as_str()).collect();
            (objects[0].module.as_str(), names)
        }),
    ));

    for object in &free {
        let module_doc = format!(" The `{}` object.", object.name);
        let item = object_item(service, object);
        files.push(RustFile::tokens(
            format!("objects/{}.rs", object.module),
            quote! {
                #![doc = #module_doc]
                #item
            },
        ));
    }
    if !free.is_empty() {
        files.push(mod_rs(
            "objects/mod.rs",
            " The objects that inputs and outputs hold.",
            free.iter()
                .map(|object| (object.module.as_str(), vec![object.rust_name.as_str()])),
        ));
    }

    files
}

fn lib_rs(service: &Service) -> RustFile {
    let has_objects = service.objects.iter().any(|o| o.owner.is_none());
    let title = format!(
        " Data types of the Tencent Cloud `{}` API, version {}.",
        service.name, service.version
    );
    let objects = has_objects.then(|| {
        quote! {
            mod objects;
            pub use objects::*;
        }
    });

    RustFile::tokens(
        "lib.rs",
        quote! {
            #![doc = #title]
            #![doc = ""]
            #![doc = " Each action has a request type (`<Action>Request`, every member optional, with"]
            #![doc = " `validate` checking the required ones) and a response type (`<Action>Response`)."]
            #![doc = " Responses decode leniently: see [`lenient`] for what is accepted."]

            mod actions;
            pub mod lenient;
            mod missing_member;
            #objects

            pub use actions::*;
            pub use missing_member::MissingMember;
        },
    )
}

fn mod_rs<'a>(
    path: &str,
    doc: &str,
    modules: impl Iterator<Item = (&'a str, Vec<&'a str>)>,
) -> RustFile {
    let (modules, uses): (Vec<_>, Vec<_>) = modules
        .map(|(module, names)| {
            let module = ident(module);
            let names = names.into_iter().map(ident);
            (
                quote!(mod #module;),
                quote!(pub use #module::{#(#names),*};),
            )
        })
        .unzip();
    RustFile::tokens(
        path,
        quote! {
            #![doc = #doc]
            #(#modules)*
            #(#uses)*
        },
    )
}

/// The struct of one object with its trait impls.
fn object_item(service: &Service, object: &Object) -> TokenStream {
    let name = ident(&object.rust_name);
    let doc = docs(&object.document);
    let derives = if object.output_side {
        quote!(#[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize)])
    };

    let fields = object.members.iter().map(|member| {
        let field = ident(&member.field);
        let ty = field_type(service, member);
        let wire = lit(&member.name);

        let mut lines = member.document.clone();
        if object.input_side && member.required {
            lines.push(String::new());
            lines.push("Required in requests.".to_owned());
        }
        let doc = docs(&lines);

        let skip = (member.repr == Repr::Optional)
            .then(|| quote!(, skip_serializing_if = "::std::option::Option::is_none"));
        let decode = object.output_side.then(|| {
            let helper = match (member.repr, member.boxed) {
                (Repr::Plain, _) => "crate::lenient::or_default",
                (Repr::Optional, true) => "crate::lenient::optional_boxed",
                (Repr::Optional, false) => "crate::lenient::optional",
            };
            quote!(, default, deserialize_with = #helper)
        });

        quote! {
            #doc
            #[serde(rename = #wire #skip #decode)]
            pub #field: #ty,
        }
    });

    let lenient = object.output_side.then(|| {
        quote! {
            impl crate::lenient::Lenient for #name {
                fn decode<'de, D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<::std::option::Option<Self>, D::Error> {
                    crate::lenient::object(deserializer)
                }
            }
        }
    });

    let validate = object.input_side.then(|| validate_impl(service, object));

    quote! {
        #doc
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #validate
        #lenient
    }
}

/// `validate`: required members set, nested objects valid, with the path of the first
/// missing member.
fn validate_impl(service: &Service, object: &Object) -> TokenStream {
    let name = ident(&object.rust_name);

    let checks = object.members.iter().filter_map(|member| {
        let field = ident(&member.field);
        let wire = lit(&member.name);
        let nested =
            element_object(&member.ty).filter(|target| service.objects[*target].needs_validation);

        let missing = member.required.then(|| {
            quote! {
                if self.#field.is_none() {
                    return ::std::result::Result::Err(crate::MissingMember::new(#wire));
                }
            }
        });
        let nested = nested.map(|_| match &member.ty {
            crate::check::TypeRef::List(_) => quote! {
                if let ::std::option::Option::Some(values) = &self.#field {
                    for (index, value) in values.iter().enumerate() {
                        value
                            .validate()
                            .map_err(|missing| missing.within_list(#wire, index))?;
                    }
                }
            },
            _ => quote! {
                if let ::std::option::Option::Some(value) = &self.#field {
                    value.validate().map_err(|missing| missing.within(#wire))?;
                }
            },
        });

        (missing.is_some() || nested.is_some()).then(|| quote!(#missing #nested))
    });

    quote! {
        impl #name {
            /// Checks that every required member is set, here and in nested objects, so a
            /// request missing one fails before it is sent.
            ///
            /// # Errors
            ///
            /// The first required member that is not set, with its path.
            pub fn validate(&self) -> ::std::result::Result<(), crate::MissingMember> {
                #(#checks)*
                ::std::result::Result::Ok(())
            }
        }
    }
}
