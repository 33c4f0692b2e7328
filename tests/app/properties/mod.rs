//! Property tests: whatever arrives in a form field, a path segment or a query parameter —
//! random Unicode, control characters, nothing, far too much, broken dates, links and
//! numbers — the answer is never a 5xx, and a refused request leaves the data as it was.
//!
//! Each property drives one real server through many random cases, signed in with a live
//! CSRF token so the input gets past the door and reaches validation. The number of cases
//! is `PROPTEST_CASES` when set, otherwise the one beside each property; a failure prints
//! the smallest input found. `PROPTEST_RNG_SEED=N` fixes the inputs.

mod addresses;
mod counts;
mod fingerprint;
mod forms;
mod guards;
mod inputs;
mod newsroom;
