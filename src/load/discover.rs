use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::{InputError, display_path};

/// Directories never worth walking into.
const DEFAULT_EXCLUDES: &[&str] = &["**/.git", "**/node_modules", "**/target"];

/// The result of expanding the user's paths into inputs.
#[derive(Default)]
pub(crate) struct Discovery {
    /// Files and WIT directories to audit, in a stable order.
    pub(crate) inputs: Vec<PathBuf>,
    /// Paths that could not be used at all.
    pub(crate) errors: Vec<InputError>,
    /// Directories walked, by canonical path: a directory reached again
    /// through a symbolic link is not walked twice, so a link cycle ends.
    walked: std::collections::HashSet<PathBuf>,
    /// Files found, by canonical path: one named twice, or reached through
    /// a link as well, is audited once.
    seen: std::collections::HashSet<PathBuf>,
}

impl Discovery {
    fn add(&mut self, path: PathBuf) {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.seen.insert(key) {
            self.inputs.push(path);
        }
    }
}

/// Expands files and directories into inputs. Named files are always
/// inputs; inside directories, a file is an input when its content starts
/// with the wasm magic or it has a `.wat`/`.wit` ending, and a directory
/// holding `.wit` files is one WIT package input (with its `deps/`).
pub(crate) fn discover(
    paths: &[PathBuf],
    include: &[String],
    exclude: &[String],
) -> Result<Discovery, String> {
    let include = build_globset(include)?;
    let mut exclude_patterns: Vec<String> =
        DEFAULT_EXCLUDES.iter().map(|s| s.to_string()).collect();
    exclude_patterns.extend(exclude.iter().cloned());
    let exclude = build_globset(&exclude_patterns)?.expect("defaults are never empty");
    let filter = Filter { include, exclude };

    let mut found = Discovery::default();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => found.errors.push(InputError::new(
                &display_path(path),
                None,
                format!("cannot read: {e}"),
            )),
            Ok(meta) if meta.is_dir() => walk(path, path, &filter, &mut found, 0),
            Ok(_) => found.add(path.clone()),
        }
    }
    Ok(found)
}

struct Filter {
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Filter {
    fn excluded(&self, relative: &Path) -> bool {
        self.exclude.is_match(relative)
    }

    fn included(&self, relative: &Path) -> bool {
        self.include
            .as_ref()
            .is_none_or(|set| set.is_match(relative))
    }
}

fn build_globset(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| format!("bad glob `{pattern}`: {e}"))?;
        builder.add(glob);
        // `dir/**` should also match `dir` itself so excluded directories
        // are never entered.
        if let Some(stem) = pattern.strip_suffix("/**") {
            builder.add(Glob::new(stem).map_err(|e| format!("bad glob `{pattern}`: {e}"))?);
        }
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| format!("bad glob set: {e}"))
}

const MAX_WALK_DEPTH: usize = 64;

fn walk(root: &Path, dir: &Path, filter: &Filter, found: &mut Discovery, depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    if let Ok(canonical) = std::fs::canonicalize(dir)
        && !found.walked.insert(canonical)
    {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found.errors.push(InputError::new(
                &display_path(dir),
                None,
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());

    let relative_of = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let is_wit_package = is_wit_dir(dir);
    if is_wit_package && filter.included(&relative_of(dir).join("x.wit")) {
        found.add(dir.to_path_buf());
    }
    for entry in entries {
        let path = entry.path();
        let relative = relative_of(&path);
        if filter.excluded(&relative) {
            continue;
        }
        let Ok(mut file_type) = entry.file_type() else {
            continue;
        };
        // A link is followed (`dist/app.wasm -> ../target/app.wasm` must not
        // escape the gate); directories already walked are not walked
        // again, so a cycle ends. A broken link that names an input is an
        // error, not a silent skip.
        if file_type.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(meta) => file_type = meta.file_type(),
                Err(e) => {
                    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                    if matches!(ext, "wasm" | "wat" | "wit") && filter.included(&relative) {
                        found.errors.push(InputError::new(
                            &display_path(&path),
                            None,
                            format!("cannot read: a symbolic link to nothing readable ({e})"),
                        ));
                    }
                    continue;
                }
            }
        }
        if file_type.is_dir() {
            if is_wit_package && entry.file_name() == "deps" {
                continue;
            }
            walk(root, &path, filter, found, depth + 1);
        } else if file_type.is_file() {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "wit" {
                continue; // part of the directory's WIT package
            }
            // A `.wasm` file that is not wasm is still an input, so it fails loudly.
            let candidate = ext == "wat" || ext == "wasm" || starts_with_wasm_magic(&path);
            if candidate && filter.included(&relative) {
                found.add(path);
            }
        }
    }
}

/// A directory with `.wit` files directly inside is a WIT package.
pub(crate) fn is_wit_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            e.path().extension().is_some_and(|x| x == "wit")
                && e.file_type().is_ok_and(|t| t.is_file())
        })
    })
}

fn starts_with_wasm_magic(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == super::WASM_MAGIC
}
