//! Small token builders shared by the emitters: identifiers, doc attributes, member types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::doc::wrap_markdown;

use crate::check::{Member, Repr, Scalar, Service, TypeRef};

/// An identifier from a checked name; `r#type` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Width of doc text, so a `///` line four levels deep stays within 100 columns.
const DOC_WIDTH: usize = 88;

/// `#[doc = "..."]` attributes, one per Markdown line (wrapped), printed as `///` comments.
pub fn docs(lines: &[String]) -> TokenStream {
    let lines = wrap_markdown(lines, DOC_WIDTH);
    let lines = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#lines)*)
}

/// A string literal token.
pub fn lit(text: &str) -> proc_macro2::Literal {
    proc_macro2::Literal::string(text)
}

/// The Rust type of a member's value, without `Option` or `Box`.
pub fn value_type(service: &Service, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Scalar(scalar) => scalar_type(*scalar),
        TypeRef::Object(target) => {
            let name = ident(&service.objects[*target].rust_name);
            quote!(crate::#name)
        }
        TypeRef::List(element) => {
            let element = value_type(service, element);
            quote!(::std::vec::Vec<#element>)
        }
    }
}

/// The Rust type of a value seen from another crate (the model crate named `model`).
pub fn external_value_type(service: &Service, model: &Ident, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Scalar(scalar) => scalar_type(*scalar),
        TypeRef::Object(target) => {
            let name = ident(&service.objects[*target].rust_name);
            quote!(::#model::#name)
        }
        TypeRef::List(element) => {
            let element = external_value_type(service, model, element);
            quote!(::std::vec::Vec<#element>)
        }
    }
}

/// The field type of a member: value type, boxed and wrapped in `Option` as checked.
pub fn field_type(service: &Service, member: &Member) -> TokenStream {
    let value = value_type(service, &member.ty);
    let value = if member.boxed {
        quote!(::std::boxed::Box<#value>)
    } else {
        value
    };
    match member.repr {
        Repr::Optional => quote!(::std::option::Option<#value>),
        Repr::Plain => value,
    }
}

fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::I64 => quote!(i64),
        Scalar::U64 => quote!(u64),
        Scalar::F64 => quote!(f64),
        Scalar::Bool => quote!(bool),
        Scalar::String => quote!(::std::string::String),
    }
}
