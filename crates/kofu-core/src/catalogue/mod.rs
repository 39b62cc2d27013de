//! Certificate catalogue (issue 4): placeholder.
