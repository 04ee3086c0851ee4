//! The report: sections of rows, each figure with its ratio to the section's baseline,
//! printed as one Markdown table and written as JSON.

use std::fmt::Write as _;

use serde::Serialize;

/// Everything one `cargo xtask bench` run measured.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Seconds since the Unix epoch when the run ended.
    pub finished_at_unix: u64,
    /// Logical CPUs the run had.
    pub cpus: usize,
    /// `/proc/loadavg` when the run started and when it ended: how shared the machine was.
    pub load_average: [String; 2],
    /// Each peer SDK: its pinned packages, or why it is missing.
    pub peers: Vec<PeerStatus>,
    pub sections: Vec<Section>,
    pub targets: Vec<Target>,
}

/// An official SDK of the comparison.
#[derive(Debug, Serialize)]
pub struct PeerStatus {
    pub name: &'static str,
    pub packages: String,
    /// `installed`, or why it could not be.
    pub status: String,
}

/// Rows measured against one baseline.
#[derive(Debug, Serialize)]
pub struct Section {
    pub title: String,
    /// The subject of the row every ratio in this section divides by.
    pub baseline: String,
    pub rows: Vec<Row>,
}

/// One subject's figures.
#[derive(Debug, Serialize)]
pub struct Row {
    pub subject: String,
    pub metrics: Vec<Metric>,
    pub note: String,
}

/// One figure: `None` when it was not measured (the note says why).
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub name: &'static str,
    pub value: Option<f64>,
    pub unit: &'static str,
    /// `value` divided by the baseline's value of the same metric in this run.
    pub ratio: Option<f64>,
}

/// A goal of the comparison, reported and not enforced.
#[derive(Debug, Serialize)]
pub struct Target {
    pub goal: String,
    pub measured: String,
    /// `None` when the figures it needs are missing.
    pub met: Option<bool>,
}

impl Metric {
    pub fn new(name: &'static str, value: f64, unit: &'static str) -> Metric {
        Metric {
            name,
            value: Some(value),
            unit,
            ratio: None,
        }
    }
}

impl Row {
    pub fn new(subject: impl Into<String>, metrics: Vec<Metric>, note: impl Into<String>) -> Row {
        Row {
            subject: subject.into(),
            metrics,
            note: note.into(),
        }
    }

    /// A row whose figures could not be taken, with the reason as its note.
    pub fn missing(subject: impl Into<String>, reason: impl Into<String>) -> Row {
        Row::new(
            subject,
            Vec::new(),
            format!("not measured: {}", reason.into()),
        )
    }

    /// The value of metric `name`, if measured.
    pub fn value(&self, name: &str) -> Option<f64> {
        self.metrics
            .iter()
            .find(|metric| metric.name == name)
            .and_then(|metric| metric.value)
    }
}

impl Section {
    /// A section whose first row is the baseline; fills in every ratio.
    pub fn new(title: impl Into<String>, rows: Vec<Row>) -> Section {
        let baseline = rows
            .first()
            .map(|row| row.subject.clone())
            .unwrap_or_default();
        let mut section = Section {
            title: title.into(),
            baseline,
            rows,
        };
        section.fill_ratios();
        section
    }

    fn fill_ratios(&mut self) {
        let Some(base) = self.rows.first().map(|row| row.metrics.clone()) else {
            return;
        };
        for row in &mut self.rows {
            for metric in &mut row.metrics {
                let base = base
                    .iter()
                    .find(|candidate| candidate.name == metric.name)
                    .and_then(|candidate| candidate.value)
                    .filter(|value| *value != 0.0);
                metric.ratio = match (metric.value, base) {
                    (Some(value), Some(base)) => Some(value / base),
                    _ => None,
                };
            }
        }
    }

    /// The row about `subject`, if present.
    pub fn row(&self, subject: &str) -> Option<&Row> {
        self.rows.iter().find(|row| row.subject == subject)
    }
}

impl Report {
    /// The Markdown table: one line per row, the section's baseline first.
    pub fn table(&self) -> String {
        let mut lines = vec![
            "| Measure | Subject | Figure | × baseline | Notes |".to_owned(),
            "|---|---|---|---|---|".to_owned(),
        ];
        for section in &self.sections {
            for (index, row) in section.rows.iter().enumerate() {
                let measure = if index == 0 {
                    section.title.as_str()
                } else {
                    ""
                };
                let figures = row
                    .metrics
                    .iter()
                    .map(format_metric)
                    .collect::<Vec<_>>()
                    .join("; ");
                let ratios = if index == 0 {
                    "baseline".to_owned()
                } else {
                    row.metrics
                        .iter()
                        .map(|metric| {
                            metric
                                .ratio
                                .map_or("n/a".to_owned(), |ratio| format!("{ratio:.2}×"))
                        })
                        .collect::<Vec<_>>()
                        .join(" / ")
                };
                lines.push(format!(
                    "| {measure} | {} | {} | {} | {} |",
                    row.subject,
                    if figures.is_empty() {
                        "—".to_owned()
                    } else {
                        figures
                    },
                    if row.metrics.is_empty() {
                        "—".to_owned()
                    } else {
                        ratios
                    },
                    row.note
                ));
            }
        }
        lines.join("\n") + "\n"
    }

    /// The targets, one line each.
    pub fn target_lines(&self) -> String {
        let mut text = String::new();
        for target in &self.targets {
            let verdict = match target.met {
                Some(true) => "met",
                Some(false) => "MISSED",
                None => "not measured",
            };
            let _ = writeln!(text, "- {}: {} ({verdict})", target.goal, target.measured);
        }
        text
    }
}

/// A metric as the table shows it: latencies and memory say which they are.
fn format_metric(metric: &Metric) -> String {
    let Some(value) = metric.value else {
        return format!("{} n/a", metric.name);
    };
    let value = format_value(value, metric.unit);
    match metric.name {
        "p50" | "p99" => format!("{} {value}", metric.name),
        "peak memory" => format!("{value} peak"),
        _ => value,
    }
}

/// A value in its unit, rounded for reading.
pub fn format_value(value: f64, unit: &str) -> String {
    match unit {
        "ns" if value >= 1_000_000.0 => format!("{:.2} ms", value / 1_000_000.0),
        "ns" if value >= 1_000.0 => format!("{:.2} µs", value / 1_000.0),
        "ns" => format!("{value:.0} ns"),
        "µs" if value >= 1_000.0 => format!("{:.2} ms", value / 1_000.0),
        "µs" => format!("{value:.0} µs"),
        "calls/s" => format!("{value:.0} calls/s"),
        "KiB" => format!("{:.1} MiB", value / 1024.0),
        "s" if value < 0.001 => format!("{:.0} µs", value * 1_000_000.0),
        "s" if value < 1.0 => format!("{:.1} ms", value * 1_000.0),
        "s" => format!("{value:.2} s"),
        other => format!("{value:.2} {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_divide_by_the_first_row() {
        let section = Section::new(
            "signing",
            vec![
                Row::new("floor", vec![Metric::new("time", 100.0, "ns")], ""),
                Row::new("ours", vec![Metric::new("time", 125.0, "ns")], ""),
                Row::missing("peer", "not installed"),
            ],
        );

        assert_eq!(section.baseline, "floor");
        assert_eq!(section.rows[0].metrics[0].ratio, Some(1.0));
        assert_eq!(section.rows[1].metrics[0].ratio, Some(1.25));
        assert!(section.rows[2].metrics.is_empty());
        assert_eq!(section.rows[2].note, "not measured: not installed");
    }

    #[test]
    fn values_are_shown_in_readable_units() {
        let cases: &[(f64, &str, &str)] = &[
            (850.0, "ns", "850 ns"),
            (2_612.0, "ns", "2.61 µs"),
            (3_500_000.0, "ns", "3.50 ms"),
            (12_345.6, "calls/s", "12346 calls/s"),
            (10_240.0, "KiB", "10.0 MiB"),
            (0.0123, "s", "12.3 ms"),
            (0.000_042, "s", "42 µs"),
            (4.5, "s", "4.50 s"),
            (95.4, "µs", "95 µs"),
            (2_500.0, "µs", "2.50 ms"),
        ];
        for &(value, unit, expected) in cases {
            assert_eq!(format_value(value, unit), expected, "{value} {unit}");
        }
    }
}
