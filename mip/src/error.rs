//! The one error type of the crate.

use std::path::PathBuf;

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// What went wrong while resolving, downloading or installing packages.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The index has no package of that name.
    #[error("unknown package `{name}`: the index {index} has no such package")]
    UnknownPackage {
        /// Package name.
        name: String,
        /// Index base URL.
        index: String,
    },
    /// The index knows the package, but not that version.
    #[error("package `{name}` has no version {version} in the index {index}{}", latest.as_ref().map(|v| format!(" (the latest is {v})")).unwrap_or_default())]
    VersionNotFound {
        /// Package name.
        name: String,
        /// The version asked for.
        version: String,
        /// Index base URL.
        index: String,
        /// The latest version the index has, when known.
        latest: Option<String>,
    },
    /// A package.json URL or path that does not exist.
    #[error("package not found: nothing at {url}")]
    PackageNotFound {
        /// Where the package.json was looked for.
        url: String,
    },
    /// A file named by a package is missing on the server.
    #[error("file {path} of package `{package}` not found: nothing at {url}")]
    FileNotFound {
        /// Package that lists the file.
        package: String,
        /// Its path on the board, relative to the target.
        path: String,
        /// Where it was looked for.
        url: String,
    },
    /// Downloaded content does not have the hash the package (or the lock file) gives.
    #[error("hash mismatch for {path} from {url}: expected {expected}, got {actual}; nothing was written to the board")]
    HashMismatch {
        /// Its path on the board, relative to the target.
        path: String,
        /// Where it came from.
        url: String,
        /// Hash (or hash prefix) expected, lowercase hex.
        expected: String,
        /// SHA-256 of what arrived, lowercase hex.
        actual: String,
    },
    /// The server could not be reached and nothing usable is cached.
    #[error("cannot reach {url} ({reason}) and it is not in the download cache")]
    Network {
        /// What was requested.
        url: String,
        /// The transport's explanation.
        reason: String,
    },
    /// The server answered with an error status other than 404.
    #[error("{url}: the server answered HTTP {status}")]
    HttpStatus {
        /// What was requested.
        url: String,
        /// HTTP status code.
        status: u16,
    },
    /// A package description that is not valid JSON of the expected shape.
    #[error("invalid package description {url}: {reason}")]
    BadPackageJson {
        /// Where it came from.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// A package specification that cannot be understood.
    #[error("invalid package `{spec}`: {reason}")]
    BadSpec {
        /// The specification as given.
        spec: String,
        /// What is wrong.
        reason: String,
    },
    /// A package wants to write outside the target folder.
    #[error("package `{package}` names the unsafe path {path:?} (absolute or with `..`)")]
    UnsafePath {
        /// Package that lists it.
        package: String,
        /// The path as listed.
        path: String,
    },
    /// A lock file that cannot be read.
    #[error("invalid lock file {path}: {reason}")]
    BadLock {
        /// The lock file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A source file the compiler rejected.
    #[error("compiling {path} of package `{package}`: {message}")]
    Compile {
        /// Package that ships it.
        package: String,
        /// Its path relative to the target.
        path: String,
        /// The compiler's message.
        message: String,
    },
    /// A local file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The local path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The board refused or failed an operation.
    #[error(transparent)]
    Board(#[from] upy_protocol::Error),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
