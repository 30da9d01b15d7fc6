//! Configuration errors, located in the file and shown as rustc shows
//! them: the message once, then the line with the span underlined.

/// A problem in a configuration file, located for a diagnostic.
#[derive(Debug)]
pub(crate) struct ConfigError {
    pub(crate) file: String,
    pub(crate) text: String,
    pub(crate) span: Option<std::ops::Range<usize>>,
    pub(crate) message: String,
}

impl ConfigError {
    /// `error: file:line:col: message`, then the offending line with the
    /// span underlined, as rustc shows it: the message is said once.
    pub(crate) fn render(&self) -> String {
        let Some(span) = &self.span else {
            return format!(
                "error: {}: {}\n",
                self.file,
                crate::untrusted::text(&self.message)
            );
        };
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_number = self.text[..start].matches('\n').count() + 1;
        let column = self.text[line_start..start].chars().count() + 1;
        let source_line = self.text[line_start..line_end].trim_end_matches('\r');
        let end = span.end.clamp(start, line_end.max(start));
        let width = self.text[start..floor_char_boundary(&self.text, end)]
            .chars()
            .count()
            .max(1);
        let gutter = " ".repeat(line_number.to_string().len());
        format!(
            "error: {}:{line_number}:{column}: {}\n{gutter} |\n{line_number} | {}\n{gutter} | {}{}\n",
            self.file,
            // The file comes from the repository under review: what it
            // says is shown, never obeyed by a terminal or a workflow.
            crate::untrusted::text(&self.message),
            crate::untrusted::text(&source_line.replace('\t', " ")),
            " ".repeat(column - 1),
            "^".repeat(width),
        )
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
