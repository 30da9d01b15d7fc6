//! Text from an input, made safe for each output format.
//!
//! Every string a component or WIT file supplies — names from the name
//! section, imports, exports, custom sections and producers, WIT docs and
//! identifiers, guest output, values a scenario echoes — is untrusted: it
//! may hold newlines, carriage returns, terminal escape sequences, bidi
//! overrides, Markdown, HTML or Mermaid syntax, or GitHub workflow
//! commands. Every writer passes such text through one of the functions
//! here for the context it writes into:
//!
//! - [`text`]: one line of plain text (terminal, logs, text views);
//! - [`lead`]: plain text that would begin an output line;
//! - [`markdown`]: composed Markdown text whose backticks are code spans;
//! - [`code`]: a value as a Markdown code span;
//! - [`mermaid`]: the text of a quoted Mermaid label;
//! - [`dot`]: the text of a quoted Graphviz label;
//! - [`workflow_data`] and [`workflow_property`]: GitHub workflow commands;
//! - [`sarif`]: SARIF plain-text messages;
//! - [`json`]: serialized JSON, kept lossless.
//!
//! Printable characters, non-ASCII ones included, stay as they are: only
//! what could forge a line, rewrite a terminal or reorder text is escaped,
//! visibly (`\n`, `\x1b`, `\u{202e}`), so that a reader sees it is there.
//! Since no escaped value holds a line break, an input never starts an
//! output line unless a writer puts it first; [`lead`] covers those.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is escaped in text: controls (C0, DEL, C1: newlines,
/// carriage returns, escapes, tabs), characters that break lines or
/// reorder them, and invisible ones that hide text.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Line and paragraph separators break lines in some viewers.
            '\u{2028}' | '\u{2029}'
            // Bidirectional formatting: reorders what a reader sees.
            | '\u{061c}' | '\u{200e}' | '\u{200f}'
            | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            // Zero-width characters and the byte-order mark hide text.
            | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
            // Other format and invisible characters: the soft hyphen,
            // invisible operators, deprecated format controls, the
            // combining grapheme joiner, Hangul and Mongolian fillers,
            // variation selectors, interlinear annotations, and the tag
            // characters that can spell out hidden text.
            | '\u{00ad}' | '\u{034f}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
            | '\u{180b}'..='\u{180f}' | '\u{2061}'..='\u{2064}' | '\u{206a}'..='\u{206f}'
            | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}' | '\u{e0100}'..='\u{e01ef}'
        )
}

/// Appends `c` escaped as a reader would write it in Rust.
pub(crate) fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// One line of plain text: control, line-breaking, bidi and invisible
/// characters escaped visibly.
pub(crate) fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Plain text that a writer puts first on a line (a table's first column,
/// an indented list of names): as [`text`], and a first character that is
/// not a letter, digit or opening bracket is escaped too, so that the line
/// cannot begin a GitHub workflow command (`::`, also after spaces, or
/// `##[`) or a list or quote of its own.
pub(crate) fn lead(s: &str) -> Cow<'_, str> {
    let escaped = text(s);
    match escaped.chars().next() {
        Some(c) if !(c.is_alphanumeric() || matches!(c, '[' | '(' | '<' | '_' | '\\' | '-')) => {
            let mut out = String::with_capacity(escaped.len() + 4);
            push_escaped(&mut out, c);
            out.push_str(&escaped[c.len_utf8()..]);
            Cow::Owned(out)
        }
        _ => escaped,
    }
}

/// Characters that Markdown (GitHub Flavored) gives a meaning inside a
/// line: escapes, code, emphasis and strikethrough, links and images, HTML
/// and entities, table cells, math. (What matters only at the start of a
/// line cannot arise: escaped text holds no line break.)
fn is_markdown_special(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '&' | '|' | '~' | '$'
    )
}

/// Breaks what GitHub would turn into a link or a notification by itself
/// (GFM's autolinks: `https://…`, `www.…`, `a@b.example`; `@team`
/// mentions, which would ping people from a pull-request comment, and
/// `#123` references, which link and cross-reference an issue). A
/// character reference, so the rendered text reads the same: entities are
/// decoded before autolinks are looked for, and a zero-width space inside
/// `://`, after `www` or after `@` matches none of them.
const ZERO_WIDTH_SPACE: &str = "&#8203;";

/// Composed text (a finding's message: the rule's words around names from
/// the input) for one line of Markdown, inside a table cell or a list item.
///
/// Backtick-delimited code spans stay code spans: their content is
/// literal in Markdown, so only pipes are escaped there (GitHub splits
/// table cells before it reads code spans). Everything outside code spans
/// has each Markdown-significant character backslash-escaped, so that no
/// link, image, HTML tag, emphasis or table cell can form, and autolinks
/// and mentions are broken (see [`ZERO_WIDTH_SPACE`]). A name that
/// carries backticks can move where a code span ends, but whatever it
/// moves out of one is escaped like all other text. Code spans are found
/// as CommonMark finds them: a run of backticks opens one only when a run
/// of the same length follows; an unmatched run is escaped.
pub(crate) fn markdown(s: &str) -> String {
    let s = text(s);
    let chars: Vec<char> = s.chars().collect();
    let run_at = |i: usize| chars[i..].iter().take_while(|c| **c == '`').count();
    let mut out = String::with_capacity(s.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '`' {
            if is_markdown_special(c) {
                out.push('\\');
            }
            if c == '.' && i >= 3 && chars[i - 3..i].iter().all(|w| w.eq_ignore_ascii_case(&'w')) {
                out.push_str(ZERO_WIDTH_SPACE);
            }
            out.push(c);
            let next_is_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if (c == ':' && chars[i + 1..].starts_with(&['/', '/']))
                || c == '@'
                || (c == '#' && next_is_digit)
            {
                out.push_str(ZERO_WIDTH_SPACE);
            }
            i += 1;
            continue;
        }
        let run = run_at(i);
        // The closing run: the next run of exactly the same length.
        let mut j = i + run;
        let mut close = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let other = run_at(j);
                if other == run {
                    close = Some(j);
                    break;
                }
                j += other;
            } else {
                j += 1;
            }
        }
        match close {
            Some(j) => {
                for c in &chars[i..j + run] {
                    if *c == '|' {
                        out.push('\\');
                    }
                    out.push(*c);
                }
                i = j + run;
            }
            None => {
                for _ in 0..run {
                    out.push_str("\\`");
                }
                i += run;
            }
        }
    }
    out
}

/// A value from the input as a Markdown code span, whatever backticks it
/// holds: the fence is longer than its longest run of backticks, and pipes
/// are escaped for table cells.
pub(crate) fn code(s: &str) -> String {
    let s = text(s);
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A space keeps a backtick at either end from joining the fence;
    // Markdown strips one space from each side.
    let pad = if s.starts_with('`') || s.ends_with('`') || s.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", s.replace('|', "\\|"))
}

/// The text of a double-quoted Mermaid label. Mermaid reads `#…;` entity
/// codes and HTML inside labels, and a quote ends the label, so these
/// become entity codes; a backtick would start a Markdown string.
pub(crate) fn mermaid(s: &str) -> String {
    let s = text(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            c => out.push(c),
        }
    }
    out
}

/// The text of a double-quoted Graphviz label: backslashes are Graphviz
/// escapes (`\n`, `\l`), so the visible escapes of [`text`] are doubled.
pub(crate) fn dot(s: &str) -> String {
    text(s).replace('\\', "\\\\").replace('"', "\\\"")
}

/// The message of a GitHub workflow command: `%`, CR and LF percent-encoded
/// as the runner decodes them. Writers join lines they mean with `\n`
/// after escaping each untrusted part with [`text`].
pub(crate) fn workflow_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a GitHub workflow command (`file=`, `title=`).
pub(crate) fn workflow_property(s: &str) -> String {
    workflow_data(&text(s))
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// A SARIF plain-text message: as [`text`], with square brackets escaped
/// as SARIF requires outside embedded links (§3.11.6), so that a name
/// cannot make a link that code scanning would render.
pub(crate) fn sarif(s: &str) -> String {
    let s = text(s);
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if matches!(c, '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Serialized JSON with every character [`text`] escapes written as a
/// `\u` escape. serde_json escapes C0 controls already but not DEL, C1
/// controls (U+009B is a terminal's CSI) or bidi overrides; those can
/// only occur inside strings, and a `\u` escape decodes to the same
/// character, so the values stay exactly the input's.
pub(crate) fn json(serialized: String) -> String {
    let Some(first) = first_unsafe_in_json(&serialized) else {
        return serialized;
    };
    let mut out = String::with_capacity(serialized.len() + 16);
    out.push_str(&serialized[..first]);
    for c in serialized[first..].chars() {
        // Structural newlines of pretty printing are the writer's own.
        if is_unsafe(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the first character `json` escapes is. A report is mostly ASCII,
/// where only controls are unsafe, and a SARIF log carries every rule's
/// documentation: ASCII is checked a byte at a time, and only other
/// characters are decoded.
fn first_unsafe_in_json(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b == 0x7f || (b < 0x20 && b != b'\n') {
                return Some(i);
            }
            i += 1;
        } else {
            let c = s[i..].chars().next()?;
            if is_unsafe(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "x\n  ran:   1 of 1\r\x1b[2J::error title=pwned::\u{202e}\u{9b}é";

    #[test]
    fn text_escapes_visibly_and_keeps_printable_unicode() {
        assert_eq!(
            text(HOSTILE),
            "x\\n  ran:   1 of 1\\r\\x1b[2J::error title=pwned::\\u{202e}\\u{9b}é"
        );
        assert!(matches!(
            text("wasi:cli/run@0.2.0 ünïcødé"),
            Cow::Borrowed(_)
        ));
        // Tag characters spell out hidden text; the soft hyphen and
        // invisible operators hide in plain sight.
        assert_eq!(
            text("ok\u{e0069}\u{e0067}\u{ad}\u{2062}"),
            "ok\\u{e0069}\\u{e0067}\\u{ad}\\u{2062}"
        );
    }

    #[test]
    fn markdown_breaks_autolinks_and_mentions_outside_code() {
        let md = markdown(
            "see <https://evil.example/x> or www.evil.example, mail a@evil.example, ping @org/team `https://in.code`",
        );
        assert_eq!(
            md,
            "see \\<https:&#8203;//evil.example/x> or www&#8203;.evil.example, mail \
             a@&#8203;evil.example, ping @&#8203;org/team `https://in.code`"
        );
        assert_eq!(markdown("WwW.x HTTP://y"), "WwW&#8203;.x HTTP:&#8203;//y");
        assert_eq!(
            markdown("fixes #12, org/repo#3"),
            "fixes #&#8203;12, org/repo#&#8203;3"
        );
        assert_eq!(markdown("run@0.2.12#run"), "run@&#8203;0.2.12#run");
        // What stays: code spans are never linked, and text with none of
        // these is unchanged.
        assert_eq!(markdown("wasi:cli/run"), "wasi:cli/run");
    }

    #[test]
    fn lead_never_starts_a_command() {
        assert_eq!(lead("::error::x"), "\\x3a:error::x");
        assert_eq!(lead("##[error]x"), "\\x23#[error]x");
        assert_eq!(lead("  ::error"), "\\x20 ::error");
        assert_eq!(lead("wasi:io/poll"), "wasi:io/poll");
        assert_eq!(lead("[method]a.b"), "[method]a.b");
    }

    #[test]
    fn markdown_keeps_code_spans_and_escapes_the_rest() {
        assert_eq!(markdown("uses `a|b` here"), "uses `a\\|b` here");
        // A name that closes the rule's code span early: its link is inert.
        let message = "calls `x` [click](https://evil) <img src=y> `y` now";
        let shown = markdown(message);
        assert!(
            shown.contains("\\[click\\](https:&#8203;//evil)"),
            "{shown}"
        );
        assert!(shown.contains("\\<img"), "{shown}");
        // An unmatched backtick cannot open a span over the rest.
        assert_eq!(markdown("a ` *b*"), "a \\` \\*b\\*");
        // Runs match by length only.
        assert_eq!(markdown("``a`b``"), "``a`b``");
        assert_eq!(markdown("a\nb"), "a\\\\nb");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a|b\n"), "`a\\|b\\n`");
    }

    #[test]
    fn mermaid_dot_workflow_sarif_json() {
        assert_eq!(mermaid("a\"]<b>#1&`"), "a#quot;]#lt;b#gt;#35;1#amp;#96;");
        assert_eq!(dot("a\"\n\\"), "a\\\"\\\\n\\\\");
        assert_eq!(workflow_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(workflow_property("a:b,c\n"), "a%3Ab%2Cc\\n");
        assert_eq!(sarif("[x](http://e)\n"), "\\[x\\](http://e)\\n");
        let serialized = serde_json::to_string(&HOSTILE).unwrap();
        let escaped = json(serialized);
        assert!(!escaped.chars().any(is_unsafe), "{escaped}");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, HOSTILE);
    }
}
