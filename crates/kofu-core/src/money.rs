//! Money (yen): placeholder.
