//! Faults a test asks the emulator to inject into its next answers.

use std::time::Duration;

/// A way for the emulator to misbehave on one request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer with this HTTP status and an HTML error page instead of JSON, as a gateway in
    /// front of a failing service does. Meant for 5xx statuses; an invalid status becomes 502.
    ServerError {
        /// The HTTP status code, such as 502.
        status: u16,
    },
    /// Handle the request as usual, then send only the first half of the JSON body (with a
    /// matching `Content-Length`), so the client receives an incomplete document.
    TruncatedBody,
    /// Wait this long, then handle the request as usual; for client timeouts.
    Delay(Duration),
    /// Answer `RequestLimitExceeded` without looking at the request, as the service does
    /// when a caller goes over its quota.
    Throttle,
}

impl Fault {
    /// An HTML error page with HTTP status `status`.
    pub fn server_error(status: u16) -> Fault {
        Fault::ServerError { status }
    }

    /// Applies this fault to the next `calls` matching requests instead of only the next one.
    pub fn times(self, calls: u32) -> Injection {
        Injection::from(self).times(calls)
    }

    /// Applies this fault only to requests for `action`.
    pub fn for_action(self, action: impl Into<String>) -> Injection {
        Injection::from(self).for_action(action)
    }
}

/// A fault with how many requests it applies to and, optionally, to which action.
///
/// Built from a [`Fault`]: `Fault::Throttle.times(3).for_action("DescribeX")`. A plain
/// `Fault` converts into an injection for the next request of any action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injection {
    fault: Fault,
    remaining: u32,
    action: Option<String>,
}

impl Injection {
    /// Applies the fault to the next `calls` matching requests.
    pub fn times(mut self, calls: u32) -> Injection {
        self.remaining = calls;
        self
    }

    /// Applies the fault only to requests whose `X-TC-Action` is `action`.
    pub fn for_action(mut self, action: impl Into<String>) -> Injection {
        self.action = Some(action.into());
        self
    }
}

impl From<Fault> for Injection {
    fn from(fault: Fault) -> Self {
        Injection {
            fault,
            remaining: 1,
            action: None,
        }
    }
}

/// Pending injections, applied first-in, first-out.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    pending: Vec<Injection>,
}

impl FaultQueue {
    /// Queues an injection.
    pub(crate) fn push(&mut self, injection: Injection) {
        if injection.remaining > 0 {
            self.pending.push(injection);
        }
    }

    /// Takes the fault for a request of `action` (its `X-TC-Action`, if any): the oldest
    /// pending injection that matches, used up once.
    pub(crate) fn take(&mut self, action: Option<&str>) -> Option<Fault> {
        let index = self
            .pending
            .iter()
            .position(|injection| match &injection.action {
                None => true,
                Some(wanted) => action == Some(wanted.as_str()),
            })?;

        let injection = &mut self.pending[index];
        injection.remaining -= 1;
        let fault = injection.fault.clone();
        if injection.remaining == 0 {
            self.pending.remove(index);
        }
        Some(fault)
    }

    /// Drops every pending injection.
    pub(crate) fn clear(&mut self) {
        self.pending.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_fault_applies_once_to_any_action() {
        let mut queue = FaultQueue::default();
        queue.push(Fault::TruncatedBody.into());

        assert_eq!(queue.take(Some("A")), Some(Fault::TruncatedBody));
        assert_eq!(queue.take(Some("A")), None);
    }

    #[test]
    fn counted_faults_run_out_and_later_ones_follow() {
        let mut queue = FaultQueue::default();
        queue.push(Fault::Throttle.times(2));
        queue.push(Fault::server_error(503).into());

        let taken: Vec<_> = (0..4).map(|_| queue.take(None)).collect();
        assert_eq!(
            taken,
            [
                Some(Fault::Throttle),
                Some(Fault::Throttle),
                Some(Fault::server_error(503)),
                None
            ]
        );
    }

    #[test]
    fn action_faults_skip_other_actions() {
        let mut queue = FaultQueue::default();
        queue.push(
            Fault::Delay(Duration::from_secs(1))
                .for_action("B")
                .times(2),
        );
        queue.push(Fault::Throttle.into());

        assert_eq!(queue.take(Some("A")), Some(Fault::Throttle));
        assert_eq!(queue.take(Some("A")), None);
        assert_eq!(queue.take(None), None);
        assert_eq!(
            queue.take(Some("B")),
            Some(Fault::Delay(Duration::from_secs(1)))
        );
        assert_eq!(
            queue.take(Some("B")),
            Some(Fault::Delay(Duration::from_secs(1)))
        );
        assert_eq!(queue.take(Some("B")), None);
    }

    #[test]
    fn zero_times_and_clear_leave_nothing_pending() {
        let mut queue = FaultQueue::default();
        queue.push(Fault::Throttle.times(0));
        assert_eq!(queue.take(None), None);

        queue.push(Fault::Throttle.times(5));
        queue.clear();
        assert_eq!(queue.take(None), None);
    }
}
