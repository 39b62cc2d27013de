//! Integration tests of the J-LIS file formats: every check of INTERFACES.md refused with the
//! right line, field and reason; the same content read alike in every encoding; generated data
//! round-tripping; and parsers that never panic on any input.

mod fixtures;
mod notices;
mod properties;
mod roundtrip;
mod statement;
