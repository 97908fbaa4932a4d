//! Running the binary on a throwaway data directory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Rapport {
    pub tmp: tempfile::TempDir,
    pub data_dir: PathBuf,
    /// The child's TMPDIR, so tests can check nothing private lands there.
    pub tmpdir: PathBuf,
    envs: Vec<(String, String)>,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }

    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }
}

impl Rapport {
    pub fn new() -> Rapport {
        let tmp = tempfile::tempdir().unwrap();
        let data_dir = tmp.path().join("vault");
        let tmpdir = tmp.path().join("tmp");
        std::fs::create_dir(&tmpdir).unwrap();
        Rapport {
            tmp,
            data_dir,
            tmpdir,
            envs: Vec::new(),
        }
    }

    pub fn env(mut self, key: &str, value: &str) -> Rapport {
        self.envs.push((key.to_owned(), value.to_owned()));
        self
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rapport"));
        command
            .arg("--data-dir")
            .arg(&self.data_dir)
            .args(args)
            // Relative paths (a fuzzed `--out md`, `export-all close`) land in this test's own
            // directory, never in the crate's.
            .current_dir(self.tmp.path())
            .env("TMPDIR", &self.tmpdir)
            .env_remove("RAPPORT_DATA_DIR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in &self.envs {
            command.env(k, v);
        }
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut child = self.command(args).spawn().unwrap();
        let mut pipe = child.stdin.take().unwrap();
        // The child may exit without reading (e.g. on a usage error): ignore a broken pipe.
        let _ = pipe.write_all(stdin.as_bytes());
        drop(pipe);
        let Output {
            status,
            stdout,
            stderr,
        } = child.wait_with_output().unwrap();
        Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }

    /// `rapport init --json` on the keychain; returns the recovery key.
    pub fn init(&self) -> String {
        let run = self.run(&["init", "--json"]).ok();
        run.json()["recovery_key"].as_str().unwrap().to_owned()
    }

    pub fn vault_id(&self) -> String {
        let text = std::fs::read_to_string(self.data_dir.join("rapport.keys.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        json["vault_id"].as_str().unwrap().to_owned()
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }
}

impl Drop for Rapport {
    fn drop(&mut self) {
        // Leave no keychain entries behind in the test keyring.
        if self.data_dir.join("rapport.keys.json").exists() {
            use rapport_core::Keychain;
            let _ = rapport_core::OsKeychain.remove(&self.vault_id());
        }
    }
}
