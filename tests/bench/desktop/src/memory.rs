//! The memory an app holds: the proportional set size (PSS) of its process and every process
//! under it (WebKit's web and network processes, and their sandbox helpers if any), read from
//! `/proc/PID/smaps_rollup`. PSS, unlike RSS, counts a page shared by N processes as 1/N to
//! each, so shared libraries are not counted once per process.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::Result;

/// The name under which the app's own process is counted.
pub const APP: &str = "app";

/// PSS in bytes by kind of process: `APP`, else the name of the executable.
#[derive(Debug, Default)]
pub struct Usage {
    by_kind: BTreeMap<String, u64>,
}

impl Usage {
    pub fn total_bytes(&self) -> u64 {
        self.by_kind.values().sum()
    }

    pub fn bytes_of(&self, kind: &str) -> u64 {
        self.by_kind.get(kind).copied().unwrap_or(0)
    }

    pub fn kinds(&self) -> impl Iterator<Item = &str> {
        self.by_kind.keys().map(String::as_str)
    }
}

/// The process under `ancestor` that runs `binary`, waiting up to a few seconds for it.
pub fn find_process(ancestor: u32, binary: &Path) -> Option<u32> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let found = descendants(ancestor).into_iter().find(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary)
        });
        if found.is_some() || Instant::now() > deadline {
            return found;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The PSS of `app` and of every process under it.
pub fn usage_of_tree(app: u32) -> Result<Usage> {
    let mut usage = Usage::default();
    *usage.by_kind.entry(APP.to_owned()).or_default() +=
        pss_bytes(app).ok_or_else(|| format!("could not read the memory of process {app}"))?;
    for pid in descendants(app) {
        // A process that exits in between is simply not counted.
        if let Some(bytes) = pss_bytes(pid) {
            *usage.by_kind.entry(process_name(pid)).or_default() += bytes;
        }
    }
    Ok(usage)
}

/// `app` and every process under it, for waiting until all of them have exited.
pub fn process_tree(app: u32) -> Vec<u32> {
    let mut tree = vec![app];
    tree.extend(descendants(app));
    tree
}

/// Waits until `pid` has exited (or is a zombie waiting to be reaped); sends it SIGTERM if it
/// outlives its WebDriver session for too long.
pub fn wait_for_exit(pid: u32, patience: Duration) -> Result<()> {
    let deadline = Instant::now() + patience;
    let mut asked = false;
    while is_running(pid) {
        if Instant::now() > deadline {
            if asked {
                return Err(format!("process {pid} did not exit after its session closed").into());
            }
            let _ = std::process::Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
            asked = true;
            std::thread::sleep(Duration::from_secs(2));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| parse_stat(&stat).map(|(state, _)| state != 'Z' && state != 'X'))
        .unwrap_or(false)
}

/// `Pss:` of `/proc/PID/smaps_rollup`, in bytes (the file says kB, meaning KiB).
fn pss_bytes(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup
        .lines()
        .find_map(|line| line.strip_prefix("Pss:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map(|kib| kib * 1024)
}

fn process_name(pid: u32) -> String {
    if let Ok(exe) = std::fs::read_link(format!("/proc/{pid}/exe")) {
        if let Some(name) = exe.file_name() {
            return name
                .to_string_lossy()
                .trim_end_matches(" (deleted)")
                .to_owned();
        }
    }
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|comm| comm.trim().to_owned())
        .unwrap_or_else(|_| format!("pid {pid}"))
}

/// Every process under `root`, from the parent ids in `/proc/*/stat`.
fn descendants(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            if let Some((_, parent)) = std::fs::read_to_string(entry.path().join("stat"))
                .ok()
                .and_then(|stat| parse_stat(&stat))
            {
                children.entry(parent).or_default().push(pid);
            }
        }
    }
    let mut found = Vec::new();
    let mut queue = vec![root];
    while let Some(pid) = queue.pop() {
        for &child in children.get(&pid).map(Vec::as_slice).unwrap_or_default() {
            found.push(child);
            queue.push(child);
        }
    }
    found
}

/// State and parent pid from `/proc/PID/stat` ("pid (comm) state ppid ..."; comm may hold
/// spaces and parentheses, so read after the last `)`).
fn parse_stat(stat: &str) -> Option<(char, u32)> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let parent = fields.next()?.parse().ok()?;
    Some((state, parent))
}

#[cfg(test)]
mod tests {
    use super::parse_stat;

    #[test]
    fn reads_state_and_parent_after_the_command_name() {
        assert_eq!(
            parse_stat("4242 (Web Content) (x)) S 17 4242 4242 0 -1 4194560"),
            Some(('S', 17))
        );
        assert_eq!(parse_stat("garbage"), None);
    }
}
