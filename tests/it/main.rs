//! One integration-test binary (one link step): the CLI driven over fixture courses.

mod build;
mod cli;
mod harness;
mod invalid;
