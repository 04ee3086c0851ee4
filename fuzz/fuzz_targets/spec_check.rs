//! The generator's front half against arbitrary files: parse, check and render in memory.
//!
//! The input is up to three files separated by NUL bytes: `api.json`, then optionally
//! `service.json` (which also switches to generating only the actions it lists), then
//! optionally `common-errors.json`. Every stage may reject its input with an error; none
//! may panic. Nothing is written to disk and rustfmt is not run.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tencentcloud_codegen::check::{self, Selection};
use tencentcloud_codegen::emit::{self, Header};
use tencentcloud_codegen::parse;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files = text.split('\0');
    let api_text = files.next().unwrap_or_default();
    let service_text = files.next();
    let errors_text = files.next();

    let header = Header {
        command: "fuzz".to_owned(),
        source: "fuzz".to_owned(),
    };

    if let Some(errors_text) = errors_text {
        let path = Path::new("spec/common-errors.json");
        if let Ok(errors) = parse::parse_common_errors(path, errors_text) {
            let _ = emit::common_error_code_file(&errors, path, "out", &header);
        }
    }

    let Ok(api) = parse::parse_api(Path::new("spec/fuzz/v1/api.json"), api_text) else {
        return;
    };
    let side = match service_text {
        Some(service_text) => {
            match parse::parse_service(Path::new("spec/fuzz/v1/service.json"), service_text) {
                Ok(side) => Some(side),
                Err(error) => {
                    let _ = error.to_string();
                    return;
                }
            }
        }
        None => None,
    };
    let selection = if side.is_some() {
        Selection::Listed
    } else {
        Selection::All
    };

    match check::check(&api, side.as_ref(), selection) {
        Ok(service) => {
            if let Err(error) = emit::service_files(&service, &header) {
                let _ = error.to_string();
            }
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
