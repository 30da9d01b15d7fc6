//! `wcaudit replay`: run a component under the counting host.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::EXIT_ERROR;
use crate::load::Limits;

#[derive(Args)]
pub(super) struct ReplayArgs {
    /// The component to run (.wasm or .wat).
    #[arg(value_name = "PATH")]
    pub(super) path: PathBuf,
    #[command(flatten)]
    pub(super) run: ReplayRun,
    /// Invocations, each on a fresh instance; counts are reported per
    /// invocation.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub(super) iterations: u32,
    #[arg(long, value_enum, default_value_t = ReplayFormat::Text)]
    pub(super) format: ReplayFormat,
    #[arg(long, short, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Largest input file accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_input_bytes)]
    pub(super) max_input_size: u64,
    /// Run without counting, to measure what counting costs.
    #[arg(long, hide = true)]
    pub(super) uncounted: bool,
    /// Print compile and run times to stderr (for benchmarks).
    #[arg(long, hide = true)]
    pub(super) timings: bool,
}

/// What a replay runs and how: the entry point and its input, the
/// scenario, and the sandbox's grants and limits. `replay` and `check
/// --replay` share these options, so a component runs the same under
/// both; `check` requires `--replay` with any of them (see
/// [`super::CheckArgs`]).
#[derive(Args, Clone)]
pub(super) struct ReplayRun {
    /// Call this exported function instead of wasi:cli/run or an HTTP
    /// handler: `process`, `processor#process` or
    /// `corpus:headers/processor@0.1.0#process`.
    #[arg(long, value_name = "FUNCTION")]
    invoke: Option<String>,
    /// Arguments for --invoke in WAVE, e.g. '"abc", 3, some(1)'; by default
    /// zero, empty, none and first cases.
    #[arg(
        long,
        value_name = "WAVE",
        requires = "invoke",
        allow_hyphen_values = true
    )]
    args: Option<String>,
    /// Call the HTTP handler with this request line, e.g. 'GET /path?q=1'.
    #[arg(long, value_name = "REQUEST", conflicts_with = "invoke")]
    request: Option<String>,
    /// A request header, 'name: value' (repeatable).
    #[arg(
        short = 'H',
        long = "header",
        value_name = "HEADER",
        conflicts_with = "invoke"
    )]
    headers: Vec<String>,
    /// The request body, read from FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "invoke")]
    body: Option<PathBuf>,
    /// Scripted return values for stubbed imports (TOML, see README).
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// Grant an environment variable, KEY=VALUE (repeatable).
    #[arg(long, value_name = "KEY=VALUE")]
    env: Vec<String>,
    /// Grant a command-line argument (repeatable, in order).
    #[arg(long = "arg", value_name = "VALUE", allow_hyphen_values = true)]
    arg: Vec<String>,
    /// Grant a directory: HOST[::GUEST][:ro] (repeatable).
    #[arg(long, value_name = "DIR")]
    dir: Vec<String>,
    /// Let outgoing wasi:http requests reach the network.
    #[arg(long)]
    allow_http: bool,
    /// Let wasi:sockets connect, bind and resolve names.
    #[arg(long)]
    allow_network: bool,
    /// Give the guest the host's clocks instead of the virtual clock (which
    /// starts at a fixed time and moves only as the guest waits on timers).
    #[arg(long)]
    real_clock: bool,
    /// Stop an invocation after this long: 5s, 500ms, 2m.
    #[arg(long, value_name = "DURATION", default_value = "5s")]
    timeout: String,
    /// Stop an invocation after this much fuel (about one unit per wasm
    /// instruction); unlimited by default.
    #[arg(long, value_name = "UNITS")]
    fuel: Option<u64>,
    /// Cap on all linear memory of an instance together: 512M, 1G, 65536K.
    #[arg(long, value_name = "SIZE", default_value = "512M")]
    max_memory: String,
}

/// The id of [`ReplayRun`]'s argument group, which `check` makes require
/// `--replay`.
pub(super) const REPLAY_RUN_GROUP: &str = "ReplayRun";

#[cfg(feature = "replay")]
impl ReplayRun {
    /// The replay options these arguments ask for; every file they name
    /// (body, scenario) is read now.
    fn options(
        &self,
        iterations: u32,
        uncounted: bool,
    ) -> Result<crate::replay::ReplayOptions, String> {
        use crate::replay::{self, DirGrant, EntryRequest, HttpRequest, ReplayOptions, Scenario};
        let entry = if let Some(function) = &self.invoke {
            EntryRequest::Invoke {
                function: function.clone(),
                args: self.args.clone(),
            }
        } else if self.request.is_some() || !self.headers.is_empty() || self.body.is_some() {
            let mut request = HttpRequest::default();
            if let Some(line) = &self.request {
                (request.method, request.path) = HttpRequest::parse_line(line)?;
            }
            for header in &self.headers {
                let (name, value) = HttpRequest::parse_header(header)?;
                if name == "host" {
                    request.headers.retain(|(n, _)| n != "host");
                }
                request.headers.push((name, value));
            }
            if let Some(body) = &self.body {
                request.body =
                    std::fs::read(body).map_err(|e| format!("--body {}: {e}", body.display()))?;
            }
            EntryRequest::Http(request)
        } else {
            EntryRequest::Auto
        };
        let mut grants = replay::Grants {
            args: self.arg.clone(),
            allow_http: self.allow_http,
            allow_network: self.allow_network,
            real_clock: self.real_clock,
            ..replay::Grants::default()
        };
        for pair in &self.env {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("--env {pair}: expected KEY=VALUE"))?;
            grants.env.push((key.to_string(), value.to_string()));
        }
        for dir in &self.dir {
            grants.dirs.push(DirGrant::parse(dir)?);
        }
        Ok(ReplayOptions {
            entry,
            iterations,
            grants,
            budget: replay::Budget {
                timeout: parse_duration(&self.timeout)?,
                fuel: self.fuel,
                max_memory: parse_size(&self.max_memory)?,
            },
            scenario: match &self.scenario {
                Some(path) => Scenario::read(path)?,
                None => Scenario::default(),
            },
            uncounted,
            compiler: replay::Compiler::Optimizing,
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ReplayFormat {
    Text,
    Json,
}

/// `5s`, `500ms`, `2m`, or seconds.
fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(i) => text.split_at(i),
        None => (text, "s"),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("--timeout {text}: expected e.g. 5s, 500ms or 2m"))?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" => value * 60.0,
        _ => {
            return Err(format!(
                "--timeout {text}: unknown unit `{unit}` (ms, s, m)"
            ));
        }
    };
    if !(0.001..=86_400.0).contains(&seconds) {
        return Err(format!("--timeout {text}: out of range (1ms to 24h)"));
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

/// `512M`, `1G`, `65536K`, or bytes.
fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (number, shift) = match text.chars().last() {
        Some('K' | 'k') => (&text[..text.len() - 1], 10),
        Some('M' | 'm') => (&text[..text.len() - 1], 20),
        Some('G' | 'g') => (&text[..text.len() - 1], 30),
        _ => (text, 0),
    };
    let value: usize = number
        .parse()
        .map_err(|_| format!("--max-memory {text}: expected e.g. 512M or 1G"))?;
    value
        .checked_shl(shift)
        .filter(|bytes| *bytes >> shift == value && *bytes >= 1 << 16)
        .ok_or_else(|| format!("--max-memory {text}: out of range (64K and up)"))
}

/// The replayer `check --replay` uses: one invocation of each component,
/// run as `replay` would run it with the same options.
#[cfg(feature = "replay")]
pub(super) fn for_check(run: &ReplayRun) -> Result<Box<crate::audit::Replayer>, String> {
    // Fail on a bad option or file before any input is audited.
    run.options(1, false)?;
    let run = run.clone();
    Ok(Box::new(move |file, bytes| {
        // Each input gets the scenario afresh, as each replay does.
        let options = run.options(1, false)?;
        crate::replay::replay(file, bytes, &options).map(|report| report.observed())
    }))
}

#[cfg(not(feature = "replay"))]
pub(super) fn for_check(_run: &ReplayRun) -> Result<Box<crate::audit::Replayer>, String> {
    Err(WITHOUT_REPLAY.to_string())
}

#[cfg(not(feature = "replay"))]
const WITHOUT_REPLAY: &str = "this wcaudit was built without replay; install it with \
     `cargo install --locked --path . --features replay`";

#[cfg(not(feature = "replay"))]
pub(super) fn run(
    _args: ReplayArgs,
    _stdout: &mut dyn Write,
    _stderr: &mut dyn Write,
) -> Result<u8, String> {
    let _ = (parse_duration, parse_size, EXIT_ERROR);
    Err(WITHOUT_REPLAY.to_string())
}

#[cfg(feature = "replay")]
pub(super) fn run(
    args: ReplayArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, String> {
    let options = args.run.options(args.iterations, args.uncounted)?;
    let limits = Limits {
        max_input_bytes: args.max_input_size,
        ..Limits::default()
    };
    let loaded = match crate::load::load(&args.path, &limits) {
        Ok(loaded) => loaded,
        Err(e) => {
            let _ = writeln!(stderr, "error: {}", crate::untrusted::text(&e.to_string()));
            return Ok(EXIT_ERROR);
        }
    };
    // Validate with the same parser as `check`, so that malformed input
    // gets the same error, with its offset, before wasmtime sees it.
    match crate::model::build(&loaded, &limits) {
        Ok(crate::model::Model::Binary(model)) if model.is_component => {}
        Ok(_) => {
            let _ = writeln!(
                stderr,
                "error: {}: replay runs components; this is {}",
                loaded.display,
                match loaded.kind {
                    crate::load::InputKind::CoreModule => "a core module",
                    _ => "WIT",
                }
            );
            return Ok(EXIT_ERROR);
        }
        Err(e) => {
            let _ = writeln!(stderr, "error: {}", crate::untrusted::text(&e.to_string()));
            return Ok(EXIT_ERROR);
        }
    }
    let report = match crate::replay::replay(&loaded.display, &loaded.bytes, &options) {
        Ok(report) => report,
        Err(message) => {
            let _ = writeln!(
                stderr,
                "error: {}: {}",
                loaded.display,
                crate::untrusted::text(&message)
            );
            return Ok(EXIT_ERROR);
        }
    };
    if args.timings {
        let (compile, run) = report.timings;
        let _ = writeln!(
            stderr,
            "timings: compile {:.3} ms, run {:.3} ms",
            compile.as_secs_f64() * 1000.0,
            run.as_secs_f64() * 1000.0
        );
    }
    let text = match args.format {
        ReplayFormat::Text => crate::report::replay_view::render_text(&report),
        ReplayFormat::Json => crate::report::replay_view::render_json(&report),
    };
    super::emit(&text, args.output.as_ref(), stdout)?;
    Ok(if report.stopped.is_some() {
        super::EXIT_FINDINGS
    } else {
        super::EXIT_CLEAN
    })
}

#[cfg(test)]
mod tests {
    use super::{parse_duration, parse_size};
    use std::time::Duration;

    #[test]
    fn durations_and_sizes_parse() {
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("3"), Ok(Duration::from_secs(3)));
        assert!(parse_duration("5h").is_err());
        assert!(parse_duration("0s").is_err());
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("65536K"), Ok(64 << 20));
        assert!(parse_size("1K").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }
}
