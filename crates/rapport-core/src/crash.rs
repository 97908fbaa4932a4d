//! What a crash of either binary may leave behind: a report that names the place, never the
//! message, and no core dump, whose memory would hold decrypted pages, note text and keys.
//!
//! Per system: on Linux the process is made non-dumpable (no core file, whatever
//! `core_pattern` pipes to, and no ptrace by other processes of the user) and its core size limit
//! is 0; on macOS and the BSDs the core size limit is 0. On Windows nothing is set: Windows Error
//! Reporting writes no local dump unless the machine's `LocalDumps` policy asks for one, and a
//! report it sends may carry process memory; turning that off needs Win32 calls this build does
//! not make (a known gap, named in ARCHITECTURE.md).

/// Installs a panic hook that reports where a crash happened but never its message: panic
/// messages can quote data (a string slicing panic prints the string), and crash output must
/// not carry note text or names.
pub fn install_private_panic_hook(program: &'static str) {
    std::panic::set_hook(Box::new(move |info| {
        eprintln!("{}", crash_report(program, info.location()));
    }));
}

/// Turns core dumps off for this process (see the top of this file for what each system does).
/// An error says the limit could not be set; the caller goes on and says so.
pub fn disable_core_dumps() -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)?;
    #[cfg(unix)]
    rustix::process::setrlimit(
        rustix::process::Resource::Core,
        rustix::process::Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    )?;
    Ok(())
}

fn crash_report(program: &str, location: Option<&std::panic::Location<'_>>) -> String {
    let place = location
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    format!(
        "{program}: internal error{place}. The operation was stopped; an unfinished change was \
         rolled back. Please report this (the report above contains no journal text)."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crash_reports_name_the_place_not_the_message() {
        let report = crash_report("rapport", Some(std::panic::Location::caller()));
        assert!(
            report.starts_with("rapport: internal error at "),
            "{report}"
        );
        assert!(report.contains("crash.rs"), "{report}");
    }
}
