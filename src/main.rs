use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(feature = "replay")]
    if let Some(code) = wcaudit::replay_compiler_entry() {
        return ExitCode::from(code);
    }
    let code = wcaudit::run(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}
