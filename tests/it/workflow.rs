//! docs/workflow.md, run as written: every command in its `sh` blocks, in order, in a scratch
//! folder. `ingroup serve` runs on a free port, without opening a browser, and is stopped with
//! SIGTERM once it serves the course; other programs run when they are installed.

use crate::harness::{ingroup, stderr_of};
use crate::serve::{Serve, get};
use std::path::Path;

/// The lines of the ```sh blocks of a Markdown text.
fn shell_lines(markdown: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut inside = false;
    for line in markdown.lines() {
        match line.trim() {
            "```sh" => inside = true,
            "```" => inside = false,
            command if inside && !command.is_empty() && !command.starts_with('#') => lines.push(command.to_string()),
            _ => {}
        }
    }
    lines
}

#[test]
fn workflow_commands_work_as_written() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/workflow.md")).unwrap();
    let lines = shell_lines(&doc);
    for expected in ["ingroup new", "ingroup serve", "ingroup check --deny-warnings", "ingroup build"] {
        assert!(lines.iter().any(|l| l.starts_with(expected)), "the walk-through shows {expected}");
    }
    let scratch = tempfile::tempdir().unwrap();
    let mut cwd = scratch.path().to_path_buf();
    for line in &lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["cd", dir] => {
                cwd = cwd.join(dir);
                assert!(cwd.is_dir(), "{line}: no folder {}", cwd.display());
            }
            ["ingroup", "serve", args @ ..] => {
                let mut args: Vec<&str> = args.iter().copied().filter(|a| *a != "--open").collect();
                if !args.contains(&"--port") {
                    args.extend(["--port", "0"]);
                }
                let mut serve = Serve::spawn(&[&["serve"], args.as_slice()].concat(), &cwd);
                assert_eq!(get(serve.addr, "/").status, 200, "{line}");
                serve.stop();
            }
            ["ingroup", args @ ..] => {
                let output = ingroup().args(args).current_dir(&cwd).output().unwrap();
                assert!(output.status.success(), "{line}: {}", stderr_of(&output));
            }
            [program, args @ ..] => match std::process::Command::new(program).args(args).current_dir(&cwd).output() {
                Ok(output) => assert!(output.status.success(), "{line}: {}", stderr_of(&output)),
                Err(error) => eprintln!("skipped `{line}`: {error}"),
            },
            [] => {}
        }
    }
    assert!(scratch.path().join("my-course/public/index.html").is_file(), "the site was built");
}
