//! The certificate catalogue and its service (第7条–第9条): which kinds the city offers at stores,
//! at what fee and commission on a given day, when each kind is served, the suspensions of the
//! service, and the change requests through which all of that changes (four-eyes).
//!
//! Everything here is pure: schedules and suspensions are values passed in, the moment asked
//! about is an argument, and nothing is read from a store or the clock. Persisting these values
//! (as JSON documents), producing the change notice to J-LIS and auditing belong to the use cases.
//! Effective dates are inclusive days ([`Period`]); times of day and suspensions are half-open
//! (`[start, end)`).

pub mod availability;
pub mod change;
pub mod closed;
pub mod fees;
pub mod hours;
pub mod kind;
pub mod listing;
pub mod period;
pub mod suspension;
pub mod window;

pub use availability::{available, Availability, ReasonCode};
pub use change::{Change, ChangeRequest, ChangeStatus, ReviewError};
pub use closed::{ClosedDays, MonthDay};
pub use fees::{CommissionRule, CommissionSchedule, FeeRule, FeeSchedule};
pub use hours::{DayHours, DayRule, ServiceHours, WeeklyHours};
pub use kind::{Catalogue, CertificateKind, KindCode};
pub use listing::{entries, CatalogueEntry, FeeChange};
pub use period::Period;
pub use suspension::{validate_emergency, validate_planned, Scope, Suspension, SuspensionKind};
pub use window::{format_windows, TimeOfDay, TimeWindow};
