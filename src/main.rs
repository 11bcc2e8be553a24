//! The `ingroup` command line: a thin layer over the library's pipeline.

use clap::{Parser, Subcommand, ValueEnum};
use ingroup::{BuildError, BuildOptions, diagnostics::Diagnostics};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: rendering and minifying thousands of pages in parallel is allocation-heavy, and
/// glibc's allocator spends a large share of the build's CPU time there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Skip minification of pages, scripts and stylesheets (faster, readable output).
        #[arg(long)]
        no_minify: bool,
        /// Also write a SCORM package (a zip beside the site) to upload to an LMS.
        #[arg(long, value_enum)]
        package: Option<PackageKind>,
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
        /// Also show which questions assess each learning objective.
        #[arg(long)]
        report: bool,
    },
    /// Create a small, complete course to start from in DIR (which must not exist or be empty).
    New {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Preview the course in a browser; pages reload as you save.
    Serve {
        /// The course folder (holding course.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Address to listen on; 0.0.0.0 makes the preview reachable from other machines.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Poll for changes (network drives, WSL, containers) instead of using file events.
        #[arg(long)]
        poll: bool,
        /// Include modules, pages and vignettes marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Write JSON Schemas of course.yaml, front matter, quizzes, glossary and references (for editors).
    Schema {
        /// The folder to write them into.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum PackageKind {
    /// SCORM 1.2.
    Scorm12,
    /// SCORM 2004 4th edition.
    Scorm2004,
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
        Command::Build { root, out, drafts, no_minify, package } => {
            let standard = package.map(|p| match p {
                PackageKind::Scorm12 => ingroup::write::package::Standard::Scorm12,
                PackageKind::Scorm2004 => ingroup::write::package::Standard::Scorm2004,
            });
            build(BuildOptions { root, out, drafts, minify: !no_minify, inject: None }, standard)
        }
        Command::Check { root, format, deny_warnings, drafts, report } => check(&root, format, deny_warnings, drafts, report),
        Command::New { dir } => new(&dir),
        Command::Serve { root, port, open, bind, poll, drafts } => {
            serve(&ingroup::serve::ServeOptions { root, bind, port, poll, drafts }, open)
        }
        Command::Schema { out } => schema(&out),
    }
}

fn print_human(diags: &Diagnostics) {
    for diagnostic in diags.sorted() {
        eprintln!("{diagnostic}");
    }
}

fn build(options: BuildOptions, standard: Option<ingroup::write::package::Standard>) -> ExitCode {
    let result = match standard {
        None => ingroup::build(&options).map(|(report, diags)| (report, diags, None)),
        Some(standard) => ingroup::build_package(&options, standard).map(|(r, d, p)| (r, d, Some(p))),
    };
    match result {
        Ok((report, diags, package)) => {
            print_human(&diags);
            let package =
                package.map_or(String::new(), |p| format!(" and packaged it as {} ({} KB)", p.path.display(), p.bytes.div_ceil(1024)));
            println!(
                "built {} pages into {}{package} ({} warnings) in {} ms",
                report.pages,
                options.out.display(),
                report.warnings,
                report.elapsed_ms
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diags)) => {
            print_human(&diags);
            eprintln!(
                "error: build failed with {} error(s), {} warning(s); the previous output was left as it was",
                diags.error_count(),
                diags.warning_count()
            );
            ExitCode::from(EXIT_CONTENT)
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(EXIT_USAGE_OR_IO)
        }
    }
}

fn check(root: &std::path::Path, format: Format, deny_warnings: bool, drafts: bool, report: bool) -> ExitCode {
    let (course, diags) = ingroup::check(root, drafts);
    match format {
        Format::Json if report => println!("{}", ingroup::report::json(&ingroup::report::alignment(&course), &diags)),
        Format::Json => println!("{}", diags.to_json()),
        Format::Human => {
            if report {
                println!("{}", ingroup::report::alignment(&course));
            }
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

fn new(dir: &std::path::Path) -> ExitCode {
    match ingroup::scaffold::create(dir) {
        Ok(files) => {
            println!("created a course with {} files in {}", files.len(), dir.display());
            println!("next: cd {} && ingroup serve --open", dir.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(EXIT_USAGE_OR_IO)
        }
    }
}

fn serve(options: &ingroup::serve::ServeOptions, open: bool) -> ExitCode {
    let server = match ingroup::serve::Server::start(options) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(EXIT_USAGE_OR_IO);
        }
    };
    // Before the address is printed: whoever reads it may stop the server at once.
    let stopper = server.stopper();
    if let Err(error) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!("warning: cannot handle Ctrl-C ({error}); stop the server by closing the terminal");
    }
    println!("serving {} (Ctrl-C stops)", server.url());
    if open {
        ingroup::serve::open_in_browser(server.url());
    }
    server.run();
    println!("stopped");
    ExitCode::SUCCESS
}

fn schema(out: &std::path::Path) -> ExitCode {
    match ingroup::schemas::write_all(out) {
        Ok(paths) => {
            for path in paths {
                println!("wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(EXIT_USAGE_OR_IO)
        }
    }
}
