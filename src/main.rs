//! The `ingroup` command line: a thin layer over the library's pipeline.

use clap::{Parser, Subcommand, ValueEnum};
use ingroup::{BuildError, BuildOptions, diagnostics::Diagnostics};
use std::path::PathBuf;
use std::process::ExitCode;

/// Compile a course folder (Markdown modules, vignettes, YAML quizzes) into a static training site.
#[derive(Parser)]
#[command(name = "ingroup", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced atomically on success).
    Build {
        /// The course folder (holding course.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Include modules, pages and vignettes marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Skip HTML minification (faster, readable output).
        #[arg(long)]
        no_minify: bool,
    },
    /// Check the course without writing anything; exits 1 when there are errors.
    Check {
        /// The course folder (holding course.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format of the diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Exit 1 on warnings too (for CI).
        #[arg(long)]
        deny_warnings: bool,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

const EXIT_CONTENT: u8 = 1;
const EXIT_USAGE_OR_IO: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { EXIT_USAGE_OR_IO } else { 0 });
        }
    };
    match cli.command {
        Command::Build { root, out, drafts, no_minify } => build(BuildOptions { root, out, drafts, minify: !no_minify, inject: None }),
        Command::Check { root, format, deny_warnings, drafts } => check(&root, format, deny_warnings, drafts),
    }
}

fn print_human(diags: &Diagnostics) {
    for diagnostic in diags.sorted() {
        eprintln!("{diagnostic}");
    }
}

fn build(options: BuildOptions) -> ExitCode {
    match ingroup::build(&options) {
        Ok((report, diags)) => {
            print_human(&diags);
            println!("built {} pages into {} ({} warnings) in {} ms", report.pages, options.out.display(), report.warnings, report.elapsed_ms);
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diags)) => {
            print_human(&diags);
            eprintln!("error: build failed with {} error(s), {} warning(s); the previous output was left as it was", diags.error_count(), diags.warning_count());
            ExitCode::from(EXIT_CONTENT)
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(EXIT_USAGE_OR_IO)
        }
    }
}

fn check(root: &std::path::Path, format: Format, deny_warnings: bool, drafts: bool) -> ExitCode {
    let (course, diags) = ingroup::check(root, drafts);
    match format {
        Format::Json => println!("{}", diags.to_json()),
        Format::Human => {
            print_human(&diags);
            println!(
                "checked {} modules, {} vignettes, {} quizzes: {} error(s), {} warning(s)",
                course.modules.len(),
                course.vignettes.len(),
                course.quizzes.len(),
                diags.error_count(),
                diags.warning_count()
            );
        }
    }
    let failed = diags.has_errors() || (deny_warnings && diags.warning_count() > 0);
    if failed { ExitCode::from(EXIT_CONTENT) } else { ExitCode::SUCCESS }
}
