//! Inputs that once crashed the `spec_check` fuzz target (see `fuzz/`), kept so they never
//! do again. Each file in `tests/fuzz_regressions/` is run the way the target runs it:
//! `api.json`, then optionally a NUL and `service.json`, then optionally a NUL and
//! `common-errors.json`, through parse, check and render.

use std::path::Path;

use tencentcloud_codegen::check::{self, Selection};
use tencentcloud_codegen::emit::{self, Header};
use tencentcloud_codegen::parse;

/// Runs the fuzz target's stages on one input; returns the check stage's error, if any.
fn front_half(input: &str) -> Option<String> {
    let mut files = input.split('\0');
    let api_text = files.next().unwrap_or_default();
    let service_text = files.next();
    let header = Header {
        command: "test".to_owned(),
        source: "fuzz".to_owned(),
    };

    if let Some(errors_text) = files.next() {
        let path = Path::new("spec/common-errors.json");
        if let Ok(errors) = parse::parse_common_errors(path, errors_text) {
            let _ = emit::common_error_code_file(&errors, path, "out", &header);
        }
    }

    let api = match parse::parse_api(Path::new("spec/fuzz/v1/api.json"), api_text) {
        Ok(api) => api,
        Err(error) => return Some(error.to_string()),
    };
    let side = match service_text.map(|text| parse::parse_service(Path::new("service.json"), text))
    {
        Some(Ok(side)) => Some(side),
        Some(Err(error)) => return Some(error.to_string()),
        None => None,
    };
    let selection = if side.is_some() {
        Selection::Listed
    } else {
        Selection::All
    };

    match check::check(&api, side.as_ref(), selection) {
        Ok(service) => emit::service_files(&service, &header)
            .err()
            .map(|e| e.to_string()),
        Err(error) => Some(error.to_string()),
    }
}

#[test]
fn every_kept_crash_input_is_handled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let input = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        // A panic here fails the test and names the file through the backtrace's message.
        let outcome = front_half(&input);
        eprintln!("{}: {outcome:?}", path.display());
        count += 1;
    }
    assert!(count >= 1, "no inputs in {}", dir.display());
}

/// The first crash: an action name with a control character passed the checks (its
/// snake_case dropped the character) and then panicked the renderer, which uses the name
/// as written for the builder and error code types.
#[test]
fn an_action_name_that_is_not_an_identifier_is_rejected() {
    let kept = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions/action_name_with_nul"),
    )
    .unwrap();
    let message = front_half(&kept).expect("the description is rejected");
    assert!(
        message.contains("cannot become a Rust identifier"),
        "{message}"
    );

    for name in ["Get\\u0000Thing", "Get Thing", "Get-Thing", "9Get", "Gét"] {
        let api = format!(
            r#"{{"metadata": {{"apiVersion": "1", "serviceShortName": "x"}},
                "actions": {{"{name}": {{"input": "In", "output": "Out"}}}},
                "objects": {{"In": {{"members": []}}, "Out": {{"members": []}}}}}}"#
        );
        let message = front_half(&api).unwrap_or_else(|| panic!("{name} was accepted"));
        assert!(message.contains("action `"), "{name}: {message}");
    }
}
