//! The J-LIS side of Kofu Desk: the files J-LIS sends the city and the HTTPS client that
//! fetches them.
//!
//! [`format`](mod@format) reads and writes the monthly 取扱い実績データ and the daily 完了通知 as
//! INTERFACES.md defines them (CP932 or UTF-8 CSV), refusing a file whole with every error
//! named; [`client`] fetches them from J-LIS's server (INTERFACES.md §3: bearer token, bounded
//! retries, `Repr-Digest` checked before any byte is returned); [`generate`] makes consistent
//! made-up months for tests, demos and the J-LIS simulator (`kofu-jlis-sim`).
//! This crate does no persistence (kofu-store decides what an import writes) and holds no
//! business rule about invoices or reconciliation (kofu-core and kofu-api do).

pub mod client;
pub mod format;
pub mod generate;
