use std::fmt;

/// An input that could not be audited. Input errors are never findings:
/// they end the audit of that one input with exit code 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct InputError {
    pub(crate) file: String,
    /// Byte offset into the binary (or text) where the problem was found.
    pub(crate) offset: Option<usize>,
    /// 1-based line and column for text inputs.
    pub(crate) line_col: Option<(usize, usize)>,
    pub(crate) message: String,
}

impl InputError {
    pub(crate) fn new(file: &str, offset: Option<usize>, message: String) -> Self {
        InputError {
            file: file.to_string(),
            offset,
            line_col: None,
            message,
        }
    }

    pub(crate) fn with_text_position(mut self, line: usize, col: usize, offset: usize) -> Self {
        self.line_col = Some((line, col));
        self.offset = Some(offset);
        self
    }

    /// Wraps a wasmparser error, keeping its byte offset.
    pub(crate) fn from_wasm(file: &str, error: &wasmparser::BinaryReaderError) -> Self {
        // A retired pre-release WASI 0.3 encoding deserves saying so.
        // Errors are one line; wasmparser sometimes adds a second.
        let mut message = error.message().lines().collect::<Vec<_>>().join(": ");
        if let Some(hint) = legacy_encoding_hint(&message) {
            message.push_str("; ");
            message.push_str(hint);
        }
        InputError::new(file, Some(error.offset() as usize), message)
    }
}

/// Binaries made by pre-release WASI 0.3 tooling fail validation in ways
/// that deserve a plain explanation.
fn legacy_encoding_hint(message: &str) -> Option<&'static str> {
    if message.contains("cancellable") {
        Some(
            "this binary uses the retired `cancellable` immediate (component-model#716): rebuild it with current wasm-tools/wit-bindgen",
        )
    } else if message.contains("`[async") {
        Some(
            "`[async]`-prefixed names are the pre-November-2025 WASI 0.3 encoding, now an async function type: rebuild the component with current tooling",
        )
    } else {
        None
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line_col, self.offset) {
            (Some((line, col)), _) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            (None, Some(offset)) => write!(
                f,
                "{}: {} (at byte offset {offset:#x})",
                self.file, self.message
            ),
            (None, None) => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    #[test]
    fn legacy_encodings_get_a_hint() {
        assert!(
            super::legacy_encoding_hint("name `[async]foo` is not a valid extern name").is_some()
        );
        assert!(
            super::legacy_encoding_hint("historically accepted as `cancellable` until ...")
                .is_some()
        );
        assert!(super::legacy_encoding_hint("unexpected end-of-file").is_none());
    }
}
