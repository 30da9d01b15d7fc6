//! wcaudit: a static capability audit and lint tool for WebAssembly
//! components.
//!
//! The pipeline is load → model → graph → rules → report; each stage is a
//! module that knows nothing of the stages after it. `audit` runs the
//! stages for one input; the command line in `cli` calls it.

// The exceptions: the input file map in load/bytes.rs, replay's fiber
// stacks (replay/fibers.rs) and loading replay's compiled code
// (replay/compile.rs).
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
/// For the binary's `main`: replay compiles in a child process of it.
#[cfg(feature = "replay")]
pub use replay::compile::binary_entry as replay_compiler_entry;
