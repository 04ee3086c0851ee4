//! The process's resident memory, as Linux reports it.

/// Resident set size in KiB, from `VmRSS` in `/proc/self/status`.
pub fn resident_kib() -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status")
        .map_err(|error| format!("cannot read /proc/self/status: {error}"))?;
    parse_vm_rss(&status).ok_or_else(|| "/proc/self/status has no VmRSS line".to_owned())
}

/// The `VmRSS:   1234 kB` value of a status file.
fn parse_vm_rss(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let number = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim();
    number.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_vm_rss_line() {
        let cases = [
            (
                "Name:\txtask\nVmRSS:\t   40120 kB\nVmData:\t1 kB\n",
                Some(40_120),
            ),
            ("VmRSS: 7 kB", Some(7)),
            ("Name:\txtask\n", None),
            ("VmRSS:\tlots kB\n", None),
        ];
        for (status, expected) in cases {
            assert_eq!(parse_vm_rss(status), expected, "{status:?}");
        }
    }

    #[test]
    fn this_process_has_resident_memory() {
        assert!(resident_kib().unwrap() > 0);
    }
}
