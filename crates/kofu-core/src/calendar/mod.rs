//! The business calendar (issue 3): holidays, business days, deadlines, 和暦, 年度.
