//! Stage 2: resolve the parsed description into a checked model with Rust names.
//!
//! Everything the emitters need is decided here: which actions and objects are generated,
//! each member's Rust type and representation, names, boxing of recursive members and
//! which objects validate required members. Anything that cannot be generated is rejected
//! with an error naming the file, the action or object and the member.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::doc::html_to_markdown;
use crate::error::CodegenError;
use crate::naming;
use crate::parse::{ApiDescription, ErrorCodeDef, ServiceFile};

/// Names the model crate defines itself or its code relies on (its modules and the
/// primitive types it writes unqualified); an object may not take them.
pub const MODEL_RESERVED: &[&str] = &[
    "MissingMember",
    "actions",
    "bool",
    "f64",
    "i64",
    "lenient",
    "missing_member",
    "objects",
    "str",
    "u64",
];

/// Names at the root of the generated client module besides the per-action ones.
pub const CLIENT_RESERVED: &[&str] = &[
    "Client",
    "CommonErrorCode",
    "Config",
    "Error",
    "SERVICE",
    "ServiceError",
    "model",
];

/// Methods of the generated client that an action method may not take.
pub const CLIENT_METHODS: &[&str] = &["new", "from_runtime", "runtime", "clone"];

/// Methods of a generated request builder that a member setter may not take.
pub const BUILDER_METHODS: &[&str] = &["send", "as_request"];

/// Which actions to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// Only the actions the side file lists (`cargo xtask regenerate`).
    Listed,
    /// Every action of the description (`cargo xtask generate`).
    All,
}

/// A checked service, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Short service name, such as `tcss`.
    pub name: String,
    /// API version, such as `2020-11-01`.
    pub version: String,
    /// The service's domains.
    pub endpoints: Endpoints,
    /// Generated actions, sorted by name.
    pub actions: Vec<Action>,
    /// Generated objects (including action inputs and outputs), sorted by name.
    pub objects: Vec<Object>,
}

/// Domains of a service.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoints {
    /// International domain.
    pub international: String,
    /// Mainland China domain.
    pub mainland: String,
    /// Regional template with `{region}`.
    pub regional: String,
}

/// A checked action.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// Name on the wire, such as `DescribeK8sApiAbnormalEventInfo`.
    pub name: String,
    /// Documentation as Markdown lines.
    pub document: Vec<String>,
    /// Whether the description marks it deprecated.
    pub deprecated: bool,
    /// Client method name.
    pub method: String,
    /// Name of its `ActionSpec` constant.
    pub const_name: String,
    /// Module (file) name in the generated crates.
    pub module: String,
    /// Index of the input object in [`Service::objects`].
    pub input: usize,
    /// Index of the output object in [`Service::objects`].
    pub output: usize,
    /// Whether the action only reads.
    pub read_only: bool,
    /// Requests per second the service allows, if known.
    pub quota_per_second: Option<u32>,
    /// The action's own error codes.
    pub errors: Vec<ErrorCode>,
}

/// An error code with its enum variant.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCode {
    /// The code on the wire.
    pub code: String,
    /// Enum variant name.
    pub variant: String,
    /// Plain-text description.
    pub description: String,
}

/// A checked object.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// Name in the description.
    pub name: String,
    /// Rust type name.
    pub rust_name: String,
    /// Module (file) name.
    pub module: String,
    /// Documentation as Markdown lines.
    pub document: Vec<String>,
    /// Members in the description's order.
    pub members: Vec<Member>,
    /// Built by callers: every member optional, `Default`, `validate`.
    pub input_side: bool,
    /// Decoded from responses: lenient `Deserialize`.
    pub output_side: bool,
    /// The action whose input or output this is; its file lives with the action.
    pub owner: Option<usize>,
    /// Whether `validate` has anything to check, here or in nested objects.
    pub needs_validation: bool,
}

/// A checked member.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Name on the wire.
    pub name: String,
    /// Rust field name (may be a raw identifier such as `r#type`).
    pub field: String,
    /// Builder setter name.
    pub setter: String,
    /// Element type, list or not.
    pub ty: TypeRef,
    /// Whether requests must carry it.
    pub required: bool,
    /// Whether the field is `Option<T>` or plain `T`.
    pub repr: Repr,
    /// Whether the value sits behind a `Box` (recursive objects).
    pub boxed: bool,
    /// Whether the description hides it.
    pub disabled: bool,
    /// Documentation as Markdown lines.
    pub document: Vec<String>,
}

/// How a member is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repr {
    /// `Option<T>`: absent, null or unset is `None`.
    Optional,
    /// `T`: a missing or null value decodes as `T::default()`.
    Plain,
}

/// A member's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    /// A primitive.
    Scalar(Scalar),
    /// An object, by index into [`Service::objects`].
    Object(usize),
    /// A list of elements.
    List(Box<TypeRef>),
}

/// Primitive types of the description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// `int` / `int64`.
    I64,
    /// `int` / `uint64`.
    U64,
    /// `float`.
    F64,
    /// `bool`.
    Bool,
    /// `string`, and the date kinds.
    // Limitation: `date`, `datetime` and `datetime_iso` stay text; the service's formats vary
    // and a parse failure must never fail a whole response.
    String,
}

/// Reads `api.json` (and `service.json` beside it when present) from disk and checks them.
pub fn load(
    api_path: &Path,
    service_path: Option<&Path>,
    selection: Selection,
) -> Result<Service, CodegenError> {
    let api_text = crate::parse::read_text(api_path)?;
    let api = crate::parse::parse_api(api_path, &api_text)?;
    let side = match service_path {
        Some(path) => {
            let text = crate::parse::read_text(path)?;
            Some(crate::parse::parse_service(path, &text)?)
        }
        None => None,
    };
    check(&api, side.as_ref(), selection)
}

/// Checks a parsed description against its optional side file.
pub fn check(
    api: &ApiDescription,
    side: Option<&ServiceFile>,
    selection: Selection,
) -> Result<Service, CodegenError> {
    let checker = Checker {
        api,
        path: &api.path,
    };

    let action_names = checker.select_actions(side, selection)?;
    let reach = checker.reach(&action_names)?;

    let object_names: Vec<&str> = reach.keys().copied().collect();
    let index: BTreeMap<&str, usize> = object_names
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, i))
        .collect();

    let mut actions = checker.actions(&action_names, side, &index)?;
    let mut objects = checker.objects(&object_names, &reach, &index, &actions)?;

    box_recursive_members(&mut objects);
    decide_representations(&mut objects, &actions);
    mark_validation(&mut objects);
    checker.check_client_names(&mut actions)?;

    let (name, version, endpoints) = match side {
        Some(side) => (
            side.service.clone(),
            side.version.clone(),
            Endpoints {
                international: side.endpoints.international.clone(),
                mainland: side.endpoints.mainland.clone(),
                regional: side.endpoints.regional.clone(),
            },
        ),
        None => {
            let name = api.metadata.service_short_name.clone();
            let endpoints = Endpoints {
                international: format!("{name}.intl.tencentcloudapi.com"),
                mainland: format!("{name}.tencentcloudapi.com"),
                regional: format!("{name}.{{region}}.tencentcloudapi.com"),
            };
            (name, api.metadata.api_version.clone(), endpoints)
        }
    };
    if !naming::is_plain_identifier(&name) || name.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(CodegenError::Naming {
            path: api.path.clone(),
            owner: "metadata".to_owned(),
            reason: format!("service name `{name}` must be lower-case letters and digits"),
        });
    }

    Ok(Service {
        name,
        version,
        endpoints,
        actions,
        objects,
    })
}

/// Whether an action only reads, judged by its name when the side file does not say.
pub fn read_only_by_name(action: &str) -> bool {
    ["Describe", "Get", "List", "Query", "Inquiry", "Check"]
        .iter()
        .any(|prefix| action.starts_with(prefix))
}

/// Which sides reach an object.
#[derive(Debug, Clone, Copy, Default)]
struct Sides {
    input: bool,
    output: bool,
}

struct Checker<'a> {
    api: &'a ApiDescription,
    path: &'a PathBuf,
}

impl Checker<'_> {
    fn select_actions(
        &self,
        side: Option<&ServiceFile>,
        selection: Selection,
    ) -> Result<Vec<String>, CodegenError> {
        match (selection, side) {
            (Selection::Listed, Some(side)) => {
                for action in side.actions.keys() {
                    if !self.api.actions.contains_key(action) {
                        return Err(CodegenError::UnknownAction {
                            path: side.path.clone(),
                            api: self.path.clone(),
                            action: action.clone(),
                        });
                    }
                }
                Ok(side.actions.keys().cloned().collect())
            }
            _ => Ok(self.api.actions.keys().cloned().collect()),
        }
    }

    /// A human label for an object, naming the action it belongs to.
    fn object_label(&self, object: &str) -> String {
        for (action, def) in &self.api.actions {
            if def.input == object {
                return format!("object `{object}` (input of action `{action}`)");
            }
            if def.output == object {
                return format!("object `{object}` (output of action `{action}`)");
            }
        }
        format!("object `{object}`")
    }

    /// Walks from the actions' inputs and outputs and records which side reaches what.
    fn reach(&self, actions: &[String]) -> Result<BTreeMap<&str, Sides>, CodegenError> {
        let mut reach: BTreeMap<&str, Sides> = BTreeMap::new();
        let mut stack: Vec<(&str, bool)> = Vec::new();

        for action in actions {
            let def = &self.api.actions[action];
            for (role, target, input) in
                [("input", &def.input, true), ("output", &def.output, false)]
            {
                if !self.api.objects.contains_key(target) {
                    return Err(CodegenError::DanglingReference {
                        path: self.path.clone(),
                        owner: format!("action `{action}`"),
                        member: format!("the {role}"),
                        target: target.clone(),
                    });
                }
                stack.push((target.as_str(), input));
            }
        }

        while let Some((name, input)) = stack.pop() {
            let sides = reach.entry(name).or_default();
            let seen = if input { sides.input } else { sides.output };
            if seen {
                continue;
            }
            if input {
                sides.input = true;
            } else {
                sides.output = true;
            }

            let (object_name, object) = self
                .api
                .objects
                .get_key_value(name)
                .expect("only defined objects are pushed");
            for member in &object.members {
                if is_primitive(&member.member) {
                    continue;
                }
                if !matches!(member.ty.as_str(), "object" | "list") {
                    continue;
                }
                match self.api.objects.get_key_value(&member.member) {
                    Some((target, _)) => stack.push((target.as_str(), input)),
                    None => {
                        return Err(CodegenError::DanglingReference {
                            path: self.path.clone(),
                            owner: self.object_label(object_name),
                            member: format!("member `{}`", member.name),
                            target: member.member.clone(),
                        });
                    }
                }
            }
        }

        for (name, sides) in reach.iter_mut() {
            let usage = self.api.objects[*name].usage.as_deref();
            if matches!(usage, Some("in" | "both")) {
                sides.input = true;
            }
        }

        Ok(reach)
    }

    fn actions(
        &self,
        names: &[String],
        side: Option<&ServiceFile>,
        index: &BTreeMap<&str, usize>,
    ) -> Result<Vec<Action>, CodegenError> {
        let modules = naming::module_names(names.iter().map(String::as_str))
            .map_err(|bad| self.bad_name(format!("action `{bad}`"), &bad))?;

        let mut actions = Vec::with_capacity(names.len());
        for name in names {
            let def = &self.api.actions[name];
            let extra = side.and_then(|side| side.actions.get(name));
            let owner = format!("action `{name}`");

            // The name itself prefixes the action's builder and error code types.
            if !naming::is_plain_identifier(name) {
                return Err(self.bad_name(&owner, name));
            }
            let method = naming::method_name(name).ok_or_else(|| self.bad_name(&owner, name))?;
            let method = if CLIENT_METHODS.contains(&method.as_str()) {
                format!("{method}_action")
            } else {
                method
            };
            let const_name = naming::const_name(name).ok_or_else(|| self.bad_name(&owner, name))?;
            let errors = match extra {
                Some(extra) => self.error_codes(name, &extra.errors, side)?,
                None => Vec::new(),
            };

            actions.push(Action {
                name: name.clone(),
                document: document_or(&def.document, &format!("Calls the `{name}` action.")),
                deprecated: def.status.as_deref() == Some("deprecated"),
                method,
                const_name,
                module: modules[name].clone(),
                input: index[def.input.as_str()],
                output: index[def.output.as_str()],
                read_only: extra.map_or_else(|| read_only_by_name(name), |e| e.read_only),
                quota_per_second: extra.and_then(|e| e.quota_per_second),
                errors,
            });
        }
        Ok(actions)
    }

    fn error_codes(
        &self,
        action: &str,
        codes: &[ErrorCodeDef],
        side: Option<&ServiceFile>,
    ) -> Result<Vec<ErrorCode>, CodegenError> {
        let path = side.map_or_else(|| self.path.clone(), |s| s.path.clone());
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut out = Vec::new();

        for def in codes {
            let owner = format!("action `{action}`");
            let variant = naming::error_variant(&def.code).ok_or_else(|| CodegenError::Naming {
                path: path.clone(),
                owner: owner.clone(),
                reason: format!("error code `{}` cannot become a Rust name", def.code),
            })?;
            let variant = if matches!(variant.as_str(), "Common" | "Unknown") {
                format!("{variant}Code")
            } else {
                variant
            };
            if let Some(previous) = seen.insert(variant.clone(), def.code.clone()) {
                return Err(CodegenError::Naming {
                    path: path.clone(),
                    owner,
                    reason: format!(
                        "error codes `{previous}` and `{}` both become variant `{variant}`",
                        def.code
                    ),
                });
            }
            out.push(ErrorCode {
                code: def.code.clone(),
                variant,
                description: def.description.clone(),
            });
        }
        Ok(out)
    }

    fn objects(
        &self,
        names: &[&str],
        reach: &BTreeMap<&str, Sides>,
        index: &BTreeMap<&str, usize>,
        actions: &[Action],
    ) -> Result<Vec<Object>, CodegenError> {
        let owners: BTreeMap<usize, usize> = actions
            .iter()
            .enumerate()
            .flat_map(|(a, action)| [(action.input, a), (action.output, a)])
            .rev()
            .collect();
        let free: Vec<&str> = names
            .iter()
            .enumerate()
            .filter(|(i, _)| !owners.contains_key(i))
            .map(|(_, name)| *name)
            .collect();
        let modules = naming::module_names(free.iter().copied())
            .map_err(|bad| self.bad_name(self.object_label(&bad), &bad))?;

        let mut rust_names: BTreeMap<String, &str> = BTreeMap::new();
        let mut objects = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let def = &self.api.objects[*name];
            let label = self.object_label(name);

            let rust_name = naming::type_name(name).ok_or_else(|| self.bad_name(&label, name))?;
            if MODEL_RESERVED.contains(&rust_name.as_str()) {
                return Err(CodegenError::Naming {
                    path: self.path.clone(),
                    owner: label,
                    reason: format!(
                        "`{rust_name}` is a name the model crate defines itself or relies on"
                    ),
                });
            }
            if let Some(other) = rust_names.insert(rust_name.clone(), name) {
                return Err(CodegenError::Naming {
                    path: self.path.clone(),
                    owner: label,
                    reason: format!("its Rust name `{rust_name}` is also that of `{other}`"),
                });
            }

            let members = self.members(name, &label, index)?;
            let owner = owners.get(&i).copied();
            let module = match owner {
                Some(action) => actions[action].module.clone(),
                None => modules[*name].clone(),
            };

            objects.push(Object {
                name: (*name).to_owned(),
                rust_name,
                module,
                document: document_or(&def.document, &format!("The `{name}` object.")),
                members,
                input_side: reach[name].input,
                output_side: reach[name].output,
                owner,
                needs_validation: false,
            });
        }
        Ok(objects)
    }

    fn members(
        &self,
        object: &str,
        label: &str,
        index: &BTreeMap<&str, usize>,
    ) -> Result<Vec<Member>, CodegenError> {
        let defs = &self.api.objects[object].members;

        let mut seen = BTreeSet::new();
        for def in defs {
            if !seen.insert(def.name.as_str()) {
                return Err(CodegenError::DuplicateMember {
                    path: self.path.clone(),
                    owner: label.to_owned(),
                    member: def.name.clone(),
                });
            }
        }

        let wire: Vec<&str> = defs.iter().map(|d| d.name.as_str()).collect();
        let fields = naming::field_names(&wire).map_err(|bad| CodegenError::Naming {
            path: self.path.clone(),
            owner: format!("member `{bad}` of {label}"),
            reason: "the name cannot become a Rust identifier".to_owned(),
        })?;

        let mut members = Vec::with_capacity(defs.len());
        for (def, field) in defs.iter().zip(fields) {
            let ty = self.member_type(label, def, index)?;
            let bare = field.trim_start_matches("r#");
            let setter = if BUILDER_METHODS.contains(&bare) {
                format!("set_{bare}")
            } else {
                field.clone()
            };
            let mut document = document_or(&def.document, &format!("The `{}` member.", def.name));
            if def.disabled == Some(true) {
                document.push(String::new());
                document.push("The description marks this member as disabled.".to_owned());
            }
            let plain = naming::snake(&def.name).map(|name| naming::escape_keyword(&name));
            if plain.as_deref() != Some(field.as_str()) {
                document.push(String::new());
                document.push(format!(
                    "Named `{field}` because another member of this object also becomes `{}`.",
                    plain.unwrap_or_default()
                ));
            }

            members.push(Member {
                name: def.name.clone(),
                field,
                setter,
                ty,
                required: def.required == Some(true),
                repr: if def.output_required == Some(true) && def.value_allowed_null != Some(true) {
                    Repr::Plain
                } else {
                    Repr::Optional
                },
                boxed: false,
                disabled: def.disabled == Some(true),
                document,
            });
        }

        let setters: BTreeSet<&str> = members.iter().map(|m| m.setter.as_str()).collect();
        let fields: BTreeSet<&str> = members.iter().map(|m| m.field.as_str()).collect();
        if setters.len() != members.len() {
            let clash = members
                .iter()
                .find(|m| m.setter != m.field && fields.contains(m.setter.as_str()))
                .map_or("?", |m| m.name.as_str());
            return Err(CodegenError::Naming {
                path: self.path.clone(),
                owner: format!("member `{clash}` of {label}"),
                reason: "its builder setter clashes with another member's".to_owned(),
            });
        }
        Ok(members)
    }

    fn member_type(
        &self,
        label: &str,
        def: &crate::parse::MemberDef,
        index: &BTreeMap<&str, usize>,
    ) -> Result<TypeRef, CodegenError> {
        let element = def.member.as_str();
        let unknown = || CodegenError::UnknownType {
            path: self.path.clone(),
            owner: label.to_owned(),
            member: def.name.clone(),
            ty: def.ty.clone(),
            element: element.to_owned(),
        };
        let object = || index.get(element).map(|i| TypeRef::Object(*i));

        let ty = match def.ty.as_str() {
            "int" => match element {
                "uint64" => TypeRef::Scalar(Scalar::U64),
                "int64" => TypeRef::Scalar(Scalar::I64),
                _ => return Err(unknown()),
            },
            "float" if element == "float" => TypeRef::Scalar(Scalar::F64),
            "bool" if element == "bool" => TypeRef::Scalar(Scalar::Bool),
            "string" => match string_like(element) {
                Some(scalar) => TypeRef::Scalar(scalar),
                None => return Err(unknown()),
            },
            "list" => match primitive(element) {
                Some(scalar) => TypeRef::List(Box::new(TypeRef::Scalar(scalar))),
                None => TypeRef::List(Box::new(object().ok_or_else(unknown)?)),
            },
            "object" => object().ok_or_else(unknown)?,
            _ => return Err(unknown()),
        };
        Ok(ty)
    }

    /// Checks client-level names: action methods, constants and per-action type names.
    fn check_client_names(&self, actions: &mut [Action]) -> Result<(), CodegenError> {
        let mut taken: BTreeMap<String, String> = CLIENT_RESERVED
            .iter()
            .map(|name| ((*name).to_owned(), "a generated name".to_owned()))
            .collect();

        for action in actions.iter() {
            let owner = format!("action `{}`", action.name);
            let names = [
                format!("{}Builder", action.name),
                format!("{}ErrorCode", action.name),
                action.const_name.clone(),
                format!("fn {}", action.method),
            ];
            for name in names {
                if let Some(other) = taken.insert(name.clone(), owner.clone()) {
                    return Err(CodegenError::Naming {
                        path: self.path.clone(),
                        owner,
                        reason: format!(
                            "its generated name `{name}` is also used by {other}; rename one"
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    fn bad_name(&self, owner: impl Into<String>, name: &str) -> CodegenError {
        CodegenError::Naming {
            path: self.path.clone(),
            owner: owner.into(),
            reason: format!("`{name}` cannot become a Rust identifier"),
        }
    }
}

fn is_primitive(element: &str) -> bool {
    primitive(element).is_some() || matches!(element, "int" | "int32" | "uint32" | "double")
}

fn primitive(element: &str) -> Option<Scalar> {
    match element {
        "uint64" => Some(Scalar::U64),
        "int64" => Some(Scalar::I64),
        "float" => Some(Scalar::F64),
        "bool" => Some(Scalar::Bool),
        _ => string_like(element),
    }
}

fn string_like(element: &str) -> Option<Scalar> {
    matches!(element, "string" | "date" | "datetime" | "datetime_iso").then_some(Scalar::String)
}

fn document_or(html: &str, fallback: &str) -> Vec<String> {
    let lines = html_to_markdown(html);
    if lines.is_empty() {
        vec![fallback.to_owned()]
    } else {
        lines
    }
}

/// Boxes members that point back into their own object's cycle (not through a list, which
/// already allocates), so recursive types have a size.
fn box_recursive_members(objects: &mut [Object]) {
    let edges: Vec<Vec<usize>> = objects
        .iter()
        .map(|object| {
            object
                .members
                .iter()
                .filter_map(|m| match m.ty {
                    TypeRef::Object(target) => Some(target),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let component = strongly_connected(&edges);

    for (i, object) in objects.iter_mut().enumerate() {
        for member in &mut object.members {
            if let TypeRef::Object(target) = member.ty {
                member.boxed = component[target] == component[i];
            }
        }
    }
}

/// Component number of every node (Tarjan's algorithm, iterative).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut next_component = 0;

    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut edge)) = calls.last_mut() {
            if *edge == 0 {
                order[node] = next_order;
                low[node] = next_order;
                next_order += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&target) = edges[node].get(*edge) {
                *edge += 1;
                if order[target] == UNSEEN {
                    calls.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }

            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Request-side objects hold every member as `Option`; response-only objects hold members
/// the service promises (required on output, never null) plainly, except boxed ones (a plain
/// recursive default would never end). Every response keeps `RequestId` as a plain `String`.
fn decide_representations(objects: &mut [Object], actions: &[Action]) {
    let outputs: BTreeSet<usize> = actions.iter().map(|a| a.output).collect();
    for (i, object) in objects.iter_mut().enumerate() {
        let is_output = outputs.contains(&i);
        let input_side = object.input_side;
        for member in &mut object.members {
            if is_output && member.name == "RequestId" {
                member.repr = Repr::Plain;
            } else if input_side || member.boxed {
                member.repr = Repr::Optional;
            }
        }
    }
}

/// Marks request-side objects whose `validate` has something to check (fixpoint, so
/// recursive objects terminate).
fn mark_validation(objects: &mut [Object]) {
    loop {
        let mut changed = false;
        for i in 0..objects.len() {
            if objects[i].needs_validation || !objects[i].input_side {
                continue;
            }
            let needs = objects[i].members.iter().any(|m| {
                m.required || element_object(&m.ty).is_some_and(|t| objects[t].needs_validation)
            });
            if needs {
                objects[i].needs_validation = true;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// The object a member holds, directly or as list elements.
pub fn element_object(ty: &TypeRef) -> Option<usize> {
    match ty {
        TypeRef::Object(target) => Some(*target),
        TypeRef::List(element) => element_object(element),
        TypeRef::Scalar(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_group_cycles_only() {
        let edges = vec![vec![1], vec![0, 2], vec![2], vec![]];
        let component = strongly_connected(&edges);
        assert_eq!(component[0], component[1]);
        assert_ne!(component[0], component[2]);
        assert_ne!(component[2], component[3]);
    }

    #[test]
    fn read_only_follows_the_name_prefix() {
        let cases = [
            ("DescribeX", true),
            ("GetX", true),
            ("ListX", true),
            ("QueryX", true),
            ("InquiryPrice", true),
            ("CheckX", true),
            ("CreateX", false),
            ("ModifyX", false),
            ("DeleteX", false),
        ];
        for (action, expected) in cases {
            assert_eq!(read_only_by_name(action), expected, "{action}");
        }
    }
}
