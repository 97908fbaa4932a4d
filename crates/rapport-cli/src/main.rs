//! The `rapport` binary: the command line of `lib.rs`.

fn main() -> std::process::ExitCode {
    rapport_cli::main_from(std::env::args_os())
}
