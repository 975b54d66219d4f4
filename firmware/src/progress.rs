//! Progress reporting: the library calls back, the caller draws.

/// Receives progress events of a long operation. Every method has a do-nothing default.
pub trait Progress {
    /// A phase that moves `total` bytes starts ("Writing 0x1000", "Downloading").
    fn on_start(&mut self, _label: &str, _total: u64) {}
    /// `done` bytes of the current phase are through.
    fn on_bytes(&mut self, _done: u64) {}
    /// The written data is being verified.
    fn on_verify(&mut self) {}
    /// The current phase finished.
    fn on_finish(&mut self) {}
    /// A one-line fact worth telling the user ("Detected ESP32-S3 with 4 MB flash").
    fn on_status(&mut self, _message: &str) {}
}

/// Ignores every event.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {}
