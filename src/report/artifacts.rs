//! Where reports say a file is: relative to the repository root (`--root`)
//! where it lies under it, so that SARIF locations, annotations and
//! fingerprints are the same from any working directory.

use std::path::{Component, Path, PathBuf};

use serde_sarif::sarif;

/// The base id every relative artifact location is resolved against.
pub(super) const SRCROOT: &str = "%SRCROOT%";

/// Artifact locations under a root: a file under it is a relative URI
/// with `uriBaseId` `%SRCROOT%` (what GitHub code scanning matches against
/// the repository), any other file an absolute `file://` URI. Inputs are
/// shown relative to the working directory, so they are resolved from it.
pub(super) struct Artifacts {
    cwd: PathBuf,
    root: PathBuf,
    /// The root with symbolic links resolved, for inputs reached through a
    /// link.
    canonical_root: Option<PathBuf>,
}

impl Artifacts {
    pub(super) fn new(root: &Path) -> Artifacts {
        let cwd = std::env::current_dir().unwrap_or_default();
        let root = normalize(&cwd.join(root));
        Artifacts {
            canonical_root: std::fs::canonicalize(&root).ok(),
            cwd,
            root,
        }
    }

    /// The file as the repository names it: relative to the root, or
    /// absolute when outside it.
    pub(super) fn name(&self, file: &str) -> String {
        match self.relative(file) {
            Some(relative) if relative.as_os_str().is_empty() => ".".into(),
            Some(relative) => relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            None => normalize(&self.cwd.join(file))
                .to_string_lossy()
                .into_owned(),
        }
    }

    fn relative(&self, file: &str) -> Option<PathBuf> {
        let absolute = normalize(&self.cwd.join(file));
        match absolute.strip_prefix(&self.root) {
            Ok(relative) => Some(relative.to_path_buf()),
            // A lexical path outside the root may still lead into it.
            Err(_) => self.canonical_root.as_ref().and_then(|root| {
                let canonical = std::fs::canonicalize(&absolute).ok()?;
                canonical.strip_prefix(root).ok().map(Path::to_path_buf)
            }),
        }
    }

    pub(super) fn location(&self, file: &str) -> sarif::ArtifactLocation {
        let absolute = normalize(&self.cwd.join(file));
        let relative = self.relative(file);
        match relative {
            Some(relative) if relative.as_os_str().is_empty() => sarif::ArtifactLocation::builder()
                .uri(".")
                .uri_base_id(SRCROOT)
                .build(),
            Some(relative) => sarif::ArtifactLocation::builder()
                .uri(encode_path(&relative))
                .uri_base_id(SRCROOT)
                .build(),
            None => sarif::ArtifactLocation::builder()
                .uri(format!("file://{}", encode_path(&absolute)))
                .build(),
        }
    }

    /// `file:///abs/root/`: a base id's URI must end with a slash.
    pub(super) fn root_uri(&self) -> String {
        let mut uri = format!("file://{}", encode_path(&self.root));
        if !uri.ends_with('/') {
            uri.push('/');
        }
        uri
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system (the file may
/// not exist, and the path a user gave is the one to report).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path as URI text: forward slashes, each byte outside the unreserved
/// set percent-encoded.
fn encode_path(path: &Path) -> String {
    let text = path
        .components()
        .filter_map(|c| match c {
            Component::RootDir => Some(String::new()),
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/");
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if path.has_root() && !out.starts_with('/') {
        out.insert(0, '/');
    }
    out
}
