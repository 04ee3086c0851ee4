//! Maintainer commands: regenerate, check, generate, demo, bench, soak.

fn main() {}
