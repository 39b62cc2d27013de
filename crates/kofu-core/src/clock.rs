//! Time is passed in. Business logic takes `now`/`today` as arguments; fronts obtain them from a
//! [`Clock`], so tests can pin the date.

use chrono::{NaiveDate, NaiveDateTime};

/// Source of the current Japan-time date and time.
pub trait Clock: Send + Sync {
    /// Now, in Japan Standard Time (UTC+9, no daylight saving).
    fn now(&self) -> NaiveDateTime;
    fn today(&self) -> NaiveDate {
        self.now().date()
    }
}

/// A clock that always answers the same instant (tests, `KOFU_NOW`).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub NaiveDateTime);

impl Clock for FixedClock {
    fn now(&self) -> NaiveDateTime {
        self.0
    }
}
