//! Waiting until resources reach a state: [`Client::wait_until`] polls an action with
//! backoff until a check says the response is ready, within a deadline ([`Waiter`]).
//!
//! The generated SDK has a waiter method for each action the spec marks as one
//! (`uhost().wait_until_uhost_instance_state(ids, State::Running, Waiter::default())`): it
//! polls the describe action with the ids and checks with [`states`] that every resource is
//! listed in the wanted state.

use std::time::Duration;

use tokio::time::Instant;

use crate::{Client, Error, Request, Result};

/// How long and how often to poll.
///
/// Defaults: the first poll at once, then after 2 s, each wait 1.5 times the last up to
/// 30 s, for at most 10 minutes (UCloud hosts usually start in under two).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiter {
    timeout: Duration,
    first_delay: Duration,
    max_delay: Duration,
}

impl Default for Waiter {
    fn default() -> Self {
        Waiter {
            timeout: Duration::from_secs(600),
            first_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl Waiter {
    /// The defaults (see [`Waiter`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Gives up after `timeout` (the calls' own time included).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Waits `first` after the first poll, growing by half each time up to `max`.
    pub fn delays(mut self, first: Duration, max: Duration) -> Self {
        self.first_delay = first;
        self.max_delay = max.max(first);
        self
    }

    /// The total time allowed.
    pub fn get_timeout(&self) -> Duration {
        self.timeout
    }
}

/// What a check found in a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Poll {
    /// The wait is over.
    Ready,
    /// Not yet; what was found, for the timeout error if it comes to that.
    Pending(String),
}

impl Client {
    /// Calls `req`'s action until `check` says the response is [`Poll::Ready`], waiting
    /// between calls as `waiter` says; returns that response. Each call is an ordinary call
    /// (with its retries and timeout); an error that is not retried ends the wait. When the
    /// next call would start after the deadline, the wait ends with
    /// [`Error::WaitTimeout`], which carries what the last call found.
    pub async fn wait_until<R, F>(
        &self,
        req: &R,
        waiter: &Waiter,
        mut check: F,
    ) -> Result<R::Response>
    where
        R: Request + ?Sized,
        F: FnMut(&R::Response) -> Poll,
    {
        let started = Instant::now();
        let deadline = started + waiter.timeout;
        let mut delay = waiter.first_delay;
        let mut polls = 0;
        loop {
            polls += 1;
            let resp = self.send(req).await?;
            let found = match check(&resp) {
                Poll::Ready => return Ok(resp),
                Poll::Pending(found) => found,
            };
            tracing::debug!(action = R::ACTION.name, polls, %found, "not ready; waiting");
            if Instant::now() + delay > deadline {
                return Err(Error::WaitTimeout {
                    action: R::ACTION.name.to_owned(),
                    waited: started.elapsed(),
                    polls,
                    last_state: found,
                });
            }
            tokio::time::sleep(delay).await;
            delay = (delay + delay / 2).min(waiter.max_delay);
        }
    }
}

/// The check of a generated waiter: [`Poll::Ready`] when every id of `ids` is among `items`
/// with the `target` state; else what was found (`uhost-1: Initializing; uhost-2: not
/// listed`).
pub fn states<T>(
    items: &[T],
    ids: &[String],
    target: &str,
    id_of: impl Fn(&T) -> Option<&str>,
    state_of: impl Fn(&T) -> Option<&str>,
) -> Poll {
    let mut found = Vec::new();
    let mut ready = true;
    for id in ids {
        let state = items
            .iter()
            .find(|item| id_of(item) == Some(id.as_str()))
            .map(|item| state_of(item).unwrap_or("no state"));
        ready &= state == Some(target);
        found.push(format!("{id}: {}", state.unwrap_or("not listed")));
    }
    if ready {
        Poll::Ready
    } else {
        Poll::Pending(found.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Host {
        id: &'static str,
        state: Option<&'static str>,
    }

    #[test]
    fn states_are_ready_when_every_id_is_in_the_target_state() {
        let hosts = [
            Host {
                id: "a",
                state: Some("Running"),
            },
            Host {
                id: "b",
                state: Some("Initializing"),
            },
            Host {
                id: "c",
                state: None,
            },
        ];
        let check = |ids: &[&str]| {
            let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
            states(&hosts, &ids, "Running", |h| Some(h.id), |h| h.state)
        };
        assert_eq!(check(&["a"]), Poll::Ready);
        assert_eq!(
            check(&["a", "b", "c", "d"]),
            Poll::Pending("a: Running; b: Initializing; c: no state; d: not listed".into())
        );
    }
}
