//! `--name value` pairs of the commands that take paths.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Reads `args` as `--name value` pairs, accepting only the names in `known`; a relative path
/// is made absolute against the current directory so it survives a change of directory.
pub fn paths(
    command: &str,
    args: &[&str],
    known: &[&str],
) -> Result<BTreeMap<String, PathBuf>, String> {
    let current =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let mut values = BTreeMap::new();
    let mut rest = args.iter();
    while let Some(&flag) = rest.next() {
        if !known.contains(&flag) {
            return Err(format!("{command} does not take `{flag}`"));
        }
        let value = rest
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        values.insert(flag.to_owned(), current.join(value));
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_known_pairs_and_names_what_is_wrong() {
        let values = paths(
            "generate",
            &["--spec", "/a.json", "--out", "b"],
            &["--spec", "--out"],
        )
        .unwrap();
        assert_eq!(values["--spec"], PathBuf::from("/a.json"));
        assert!(values["--out"].is_absolute() && values["--out"].ends_with("b"));

        let unknown = paths("generate", &["--nope", "x"], &["--spec"]).unwrap_err();
        assert_eq!(unknown, "generate does not take `--nope`");
        let missing = paths("generate", &["--spec"], &["--spec"]).unwrap_err();
        assert_eq!(missing, "`--spec` needs a value");
    }
}
