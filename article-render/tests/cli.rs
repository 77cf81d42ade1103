//! The command line: output on success, the widget's path-named error and
//! nothing on standard output for a refused document.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_article-render");
const SRC: &str = "https://news.example/articles/iraq.json";

fn root(path: &str) -> String {
    format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn renders_a_file_and_standard_input_alike() {
    let seed = root("public/articles/iraq.json");
    let from_file = Command::new(BIN)
        .args(["--src", SRC, &seed])
        .output()
        .unwrap();
    assert!(from_file.status.success());
    assert!(from_file.stderr.is_empty());
    let mut child = Command::new(BIN)
        .args(["--src", SRC, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&seed).unwrap())
        .unwrap();
    let from_stdin = child.wait_with_output().unwrap();
    assert!(from_stdin.status.success());
    assert_eq!(from_file.stdout, from_stdin.stdout);
}

#[test]
fn reads_the_other_formats() {
    for fixture in [
        "formats-feed.json",
        "formats-wp-post.json",
        "formats-wp-posts.json",
    ] {
        let out = Command::new(BIN)
            .args([
                "--src",
                SRC,
                "--mode",
                "element",
                &root(&format!("tests/e2e/fixtures/{fixture}")),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{fixture}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8(out.stdout)
            .unwrap()
            .contains("shadowrootmode"));
    }
}

#[test]
fn a_refused_document_gives_its_path_named_error_and_no_output() {
    let bad = root("tests/e2e/fixtures/invalid-schema.json");
    let out = Command::new(BIN)
        .args(["--src", SRC, &bad])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("invalid-schema.json"), "{stderr}");
    assert!(stderr.contains("sections[1].blocks[0].text"), "{stderr}");

    let not_json = Command::new(BIN)
        .args(["--src", SRC, "-"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(not_json.status.code(), Some(1));
    assert!(not_json.stdout.is_empty());
}

#[test]
fn bad_command_lines_are_refused() {
    let seed = root("public/articles/iraq.json");
    for args in [
        vec![seed.as_str()],
        vec!["--src", SRC],
        vec!["--src", SRC, "--mode", "frame", &seed],
        vec!["--src", SRC, "--bogus", "1", &seed],
        vec!["--src", SRC, "/no/such/file.json"],
    ] {
        let out = Command::new(BIN).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
    }
}
