//! Which calls of a soak get an injected fault, and which one.

use std::time::Duration;

use tencentcloud_emulator::Fault;

/// One call in this many gets a fault: 5%.
pub const FAULT_EVERY: usize = 20;

/// The HTTP statuses of the HTML error pages, taken in turn.
const SERVER_ERROR_STATUSES: [u16; 4] = [502, 503, 504, 500];

/// The kinds of fault the emulator offers, in the order the plan hands them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaultKind {
    /// An HTML page with a 5xx status.
    ServerError,
    /// Half of the JSON body.
    TruncatedBody,
    /// An answer that comes after the client's per-attempt timeout.
    Delay,
    /// `RequestLimitExceeded` without looking at the request.
    Throttle,
}

impl FaultKind {
    /// Every kind, in plan order.
    pub const ALL: [FaultKind; 4] = [
        FaultKind::ServerError,
        FaultKind::TruncatedBody,
        FaultKind::Delay,
        FaultKind::Throttle,
    ];

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::ServerError => "html-5xx",
            FaultKind::TruncatedBody => "truncated-body",
            FaultKind::Delay => "delay",
            FaultKind::Throttle => "throttle",
        }
    }
}

/// The faults of a soak: every `FAULT_EVERY`-th call, kinds in turn.
#[derive(Debug, Clone)]
pub struct FaultPlan {
    delay: Duration,
}

impl FaultPlan {
    /// A plan whose delays last `delay` (longer than the client's per-attempt timeout).
    pub fn new(delay: Duration) -> Self {
        FaultPlan { delay }
    }

    /// The fault planned for the first attempt of call `index`, if any. Faulted calls are
    /// spread evenly: the middle call of every block of `FAULT_EVERY`.
    pub fn fault_for(&self, index: usize) -> Option<(FaultKind, Fault)> {
        if index % FAULT_EVERY != FAULT_EVERY / 2 {
            return None;
        }

        let number = index / FAULT_EVERY;
        let kind = FaultKind::ALL[number % FaultKind::ALL.len()];
        let fault = match kind {
            FaultKind::ServerError => {
                let turn = number / FaultKind::ALL.len() % SERVER_ERROR_STATUSES.len();
                Fault::server_error(SERVER_ERROR_STATUSES[turn])
            }
            FaultKind::TruncatedBody => Fault::TruncatedBody,
            FaultKind::Delay => Fault::Delay(self.delay),
            FaultKind::Throttle => Fault::Throttle,
        };
        Some((kind, fault))
    }

    /// How many faults of each kind the plan gives `calls` calls.
    pub fn planned(&self, calls: usize) -> Vec<(FaultKind, usize)> {
        FaultKind::ALL
            .iter()
            .map(|&kind| {
                let count = (0..calls)
                    .filter(|&index| self.fault_for(index).is_some_and(|(k, _)| k == kind))
                    .count();
                (kind, count)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_percent_of_calls_spread_over_every_kind() {
        let plan = FaultPlan::new(Duration::from_secs(2));

        let planned = plan.planned(10_000);
        let total: usize = planned.iter().map(|(_, count)| count).sum();
        assert_eq!(total, 500);
        assert!(
            planned.iter().all(|&(_, count)| count == 125),
            "{planned:?}"
        );

        let statuses: Vec<_> = (0..10_000)
            .filter_map(|index| match plan.fault_for(index) {
                Some((_, Fault::ServerError { status })) => Some(status),
                _ => None,
            })
            .take(4)
            .collect();
        assert_eq!(statuses, SERVER_ERROR_STATUSES);
    }

    #[test]
    fn faulted_calls_are_spaced_apart() {
        let plan = FaultPlan::new(Duration::from_secs(2));
        let faulted: Vec<usize> = (0..100).filter(|&i| plan.fault_for(i).is_some()).collect();
        assert_eq!(faulted, [10, 30, 50, 70, 90]);
    }
}
