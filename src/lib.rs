//! wcaudit: a static capability audit and lint tool for WebAssembly
//! components.
//!
//! The pipeline is load → model → graph → rules → report; each stage is a
//! module that knows nothing of the stages after it. `audit` runs the
//! stages for one input; the command line in `cli` calls it.

// The one exception is the input file map in load/bytes.rs.
#![deny(unsafe_code)]

mod audit;
mod cli;
mod config;
mod facts;
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
mod graph;
mod load;
mod model;
mod program;
#[cfg(feature = "replay")]
mod replay;
mod report;
mod rules;
mod suggest;
mod untrusted;
mod wasi;

#[cfg(test)]
mod tests;

pub use cli::run;
