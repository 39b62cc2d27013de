//! The domain of Kofu Desk: the rules of the コンビニ交付 contract as the city sees it.
//!
//! This crate owns the types that carry the rules (municipality codes, target months, roles and
//! permissions, the audit hash chain, the business calendar, the catalogue, money), J-LIS's data
//! as the domain sees it (the [`statement`], the completion [`notice`]s) and the month's
//! arithmetic ([`reconciliation`], [`settlement`]). It performs no I/O and never reads the
//! clock: callers pass `today`/`now` and the records in. Persistence lives in `kofu-store`, the
//! J-LIS file layouts in `kofu-jlis`, use cases that combine them in `kofu-api`, and it must
//! never depend on Tauri.

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
pub mod notice;
pub mod personal;
pub mod reconciliation;
pub mod settlement;
pub mod review;
pub mod staff;
pub mod statement;
pub mod text;

pub use error::DomainError;
pub use month::TargetMonth;
pub use municipality::{MunicipalityCode, MunicipalityProfile};
pub use staff::{Action, Role};
pub use text::FreeText;
