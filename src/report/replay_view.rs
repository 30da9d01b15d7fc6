//! `wcaudit replay`: measured host calls per invocation, as a table or
//! JSON.

use serde::Serialize;

use crate::replay::{CallRow, ReplayReport, per};
use crate::untrusted::text;

#[derive(Serialize)]
struct ReplayJson<'a> {
    version: u32,
    file: &'a str,
    entry: &'a str,
    iterations: u32,
    completed: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    stopped: Option<StoppedJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    http: Option<HttpJson>,
    /// The last invocation was cut off: its counts and output are what it
    /// did before.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    partial: bool,
    stdout_bytes: usize,
    stderr_bytes: usize,
    calls: Vec<RowJson<'a>>,
    instantiation: Vec<RowJson<'a>>,
    denied: Vec<DeniedJson<'a>>,
    notes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    host_transitions_first_invocation: Option<u64>,
}

#[derive(Serialize)]
struct StoppedJson<'a> {
    invocation: u32,
    during_instantiation: bool,
    reason: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<i32>,
    message: &'a str,
}

#[derive(Serialize)]
struct HttpJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    body_bytes: u64,
}

#[derive(Serialize)]
struct RowJson<'a> {
    interface: &'a str,
    function: &'a str,
    answered_by: &'static str,
    per_invocation: f64,
    min: u64,
    max: u64,
    total: u64,
    bytes_out_per_invocation: f64,
    bytes_in_per_invocation: f64,
}

#[derive(Serialize)]
struct DeniedJson<'a> {
    capability: &'static str,
    what: &'a str,
    grant: &'static str,
}

fn answered(row: &CallRow) -> &'static str {
    match row.answered {
        crate::replay::Answered::Wasi => "wasi",
        crate::replay::Answered::Stub => "stub",
    }
}

fn row_json(row: &CallRow) -> RowJson<'_> {
    RowJson {
        interface: &row.interface,
        function: &row.function,
        answered_by: answered(row),
        per_invocation: row.mean(),
        min: row.min(),
        max: row.max(),
        total: row.total(),
        bytes_out_per_invocation: per(row.bytes_out, row.calls.len()),
        bytes_in_per_invocation: per(row.bytes_in, row.calls.len()),
    }
}

pub(crate) fn render_json(report: &ReplayReport) -> String {
    let first = report.first.as_ref();
    let json = ReplayJson {
        version: 1,
        file: &report.file,
        entry: &report.entry,
        iterations: report.iterations,
        completed: report.completed,
        stopped: report.stopped.as_ref().map(|s| StoppedJson {
            invocation: s.invocation,
            during_instantiation: s.during_instantiation,
            reason: s.reason.as_str(),
            exit_code: match s.reason {
                crate::replay::StopReason::Exit(code) => Some(code),
                _ => None,
            },
            message: &s.message,
        }),
        result: first.and_then(|f| f.result.as_deref()),
        http: first.and_then(|f| f.http.as_ref()).map(|h| HttpJson {
            status: h.status.as_ref().ok().copied(),
            error: h.status.as_ref().err().cloned(),
            body_bytes: h.body_bytes,
        }),
        partial: report.partial(),
        stdout_bytes: first.map_or(0, |f| f.stdout.len()),
        stderr_bytes: first.map_or(0, |f| f.stderr.len()),
        calls: report.calls.iter().map(row_json).collect(),
        instantiation: report.instantiation.iter().map(row_json).collect(),
        denied: report
            .denied
            .iter()
            .map(|d| DeniedJson {
                capability: d.capability,
                what: &d.what,
                grant: d.grant,
            })
            .collect(),
        notes: &report.notes,
        host_transitions_first_invocation: report.host_transitions,
    };
    let mut text = crate::untrusted::json(
        serde_json::to_string_pretty(&json).expect("replay JSON serializes"),
    );
    text.push('\n');
    text
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

fn bytes(total: u64, invocations: usize) -> String {
    if total == 0 {
        "-".to_string()
    } else {
        number(per(total, invocations))
    }
}

fn call_table(rows: &[CallRow]) -> String {
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|row| {
            [
                row.interface.clone(),
                row.function.clone(),
                number(row.mean()),
                row.min().to_string(),
                row.max().to_string(),
                bytes(row.bytes_out, row.calls.len()),
                bytes(row.bytes_in, row.calls.len()),
                answered(row).to_string(),
            ]
        })
        .collect();
    super::imports_view::table(
        [
            "IMPORT",
            "FUNCTION",
            "CALLS",
            "MIN",
            "MAX",
            "BYTES OUT",
            "BYTES IN",
            "ANSWERED BY",
        ],
        &cells,
    )
}

pub(crate) fn render_text(report: &ReplayReport) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n", text(&report.file)));
    out.push_str(&format!("  entry: {}\n", text(&report.entry)));
    out.push_str(&format!(
        "  ran:   {} of {} invocation{} completed\n",
        report.completed,
        report.iterations,
        if report.iterations == 1 { "" } else { "s" }
    ));
    if let Some(stopped) = &report.stopped {
        out.push_str(&format!(
            "  stopped: invocation {}{}: {} ({})\n",
            stopped.invocation,
            if stopped.during_instantiation {
                ", while instantiating"
            } else {
                ""
            },
            text(&stopped.message),
            stopped.reason.as_str()
        ));
    }
    if let Some(first) = &report.first {
        if let Some(result) = &first.result {
            out.push_str(&format!("  returned: {}\n", text(result)));
        }
        if let Some(http) = &first.http {
            match &http.status {
                Ok(status) => out.push_str(&format!(
                    "  response: {status}, {} byte body\n",
                    http.body_bytes
                )),
                Err(error) => out.push_str(&format!("  response: error {}\n", text(error))),
            }
        }
    }
    // Counts and output up to a stop are shown, marked, never dropped.
    let partial = report.partial();
    out.push_str(&format!(
        "\nCalls per invocation (means; bytes are guest → host and host → guest{}):\n",
        match &report.stopped {
            Some(stop) if partial => format!(
                "; partial: invocation {} stopped {}",
                stop.invocation,
                if stop.during_instantiation {
                    "while instantiating"
                } else {
                    "before it ended"
                }
            ),
            _ => String::new(),
        }
    ));
    out.push_str(&call_table(&report.calls));
    if !report.instantiation.is_empty() {
        out.push_str("\nCalls while instantiating, per instance:\n");
        out.push_str(&call_table(&report.instantiation));
    }
    if !report.denied.is_empty() {
        out.push_str("\nDenied or empty:\n");
        for denial in &report.denied {
            out.push_str(&format!(
                "  {}: {} (grant with {})\n",
                denial.capability,
                text(&denial.what),
                denial.grant
            ));
        }
    }
    for note in &report.notes {
        out.push_str(&format!("\nnote: {}\n", text(note)));
    }
    if let Some(transitions) = report.host_transitions {
        let counted: u64 = report
            .calls
            .iter()
            .filter(|row| !row.function.starts_with("[resource-drop]"))
            .map(|row| row.calls.first().copied().unwrap_or(0))
            .sum();
        out.push_str(&format!(
            "\nhost transitions: {transitions} in the first invocation (every guest → host \
             crossing, builtins and destructors too; {counted} counted above)\n"
        ));
    }
    if let Some(first) = &report.first {
        for (name, data) in [("stdout", &first.stdout), ("stderr", &first.stderr)] {
            if data.is_empty() {
                continue;
            }
            let first_stopped = report.stopped.as_ref().is_some_and(|s| s.invocation == 1);
            out.push_str(&format!(
                "\n{name} of the first invocation ({} bytes{}):\n",
                data.len(),
                if partial && first_stopped {
                    ", partial: it stopped before it ended"
                } else {
                    ""
                }
            ));
            let shown = String::from_utf8_lossy(&data[..data.len().min(2048)]);
            // The guest's own line breaks become the view's, each line
            // behind the `|` prefix; a carriage return or an escape
            // sequence inside a line is shown, not obeyed.
            for line in shown.lines() {
                out.push_str(&format!("  | {}\n", text(line)));
            }
            if data.len() > 2048 {
                out.push_str("  | …\n");
            }
        }
    }
    out
}
