//! The domain of Kofu Desk: the rules of the コンビニ交付 contract as the city sees it.
//!
//! This crate owns the types that carry the rules (municipality codes, target months, roles and
//! permissions, the audit hash chain, the business calendar). It performs no I/O and never reads
//! the clock: callers pass `today`/`now` in. Persistence lives in `kofu-store`, use cases that
//! combine the two in `kofu-api`, and it must never depend on Tauri.

pub mod audit;
pub mod calendar;
pub mod catalogue;
pub mod clock;
pub mod document;
pub mod error;
pub mod input;
pub mod master;
pub mod money;
pub mod month;
pub mod municipality;
pub mod personal;
pub mod review;
pub mod staff;

pub use error::DomainError;
pub use month::TargetMonth;
pub use municipality::{MunicipalityCode, MunicipalityProfile};
pub use staff::{Action, Role};
