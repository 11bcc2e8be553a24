//! One integration-test binary (one link step): the CLI driven over fixture courses.

mod build;
mod cli;
mod docs;
mod faults;
mod harness;
mod invalid;
mod lint;
mod new;
mod package;
mod report;
mod schema;
mod serve;
mod workflow;
