//! Running the real `peixun` binary from the repository root, as a clerk would.
//! (Each test file uses the helpers it needs.)
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

pub fn peixun(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .unwrap()
}

pub fn peixun_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
