//! The local terminal in raw mode, always given back in the state it was found in.
//!
//! [`RawTerminal`] puts the terminal in raw mode (crossterm) so every key reaches the board
//! unchanged, and restores it when dropped. Drop alone does not cover every way out, so the first
//! guard also installs:
//!
//! - a panic hook that restores the terminal before the panic message is printed;
//! - a signal thread: on SIGTSTP (job control, or the Ctrl-Z key, which raw mode turns into a
//!   plain byte) it restores the terminal, stops the process, and makes the terminal raw again
//!   when the shell continues it; on SIGCONT (after an uncatchable SIGSTOP) it makes the terminal
//!   raw again, since the shell may have reset it meanwhile; on SIGTERM, SIGHUP, SIGINT and
//!   SIGQUIT it restores the terminal, then lets the signal end the process as it would have.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use crossterm::terminal::{disable_raw_mode, enable_raw_mode};

/// Whether a guard is alive, so the terminal should be raw whenever the process runs.
static RAW_WANTED: AtomicBool = AtomicBool::new(false);
static HOOKS: Once = Once::new();

/// Raw mode on the terminal for as long as this value lives.
pub struct RawTerminal {
    _private: (),
}

impl RawTerminal {
    /// Switches the terminal (stdin) to raw mode.
    pub fn enable() -> io::Result<RawTerminal> {
        install_hooks();
        enable_raw_mode()?;
        RAW_WANTED.store(true, Ordering::SeqCst);
        Ok(RawTerminal { _private: () })
    }

    /// Suspends the process as Ctrl-Z does in a cooked terminal: the terminal is restored while
    /// stopped and made raw again when the shell continues the process (see the signal thread).
    pub fn suspend(&self) {
        #[cfg(unix)]
        signals::suspend();
    }

    /// Whether [`suspend`](Self::suspend) can work here (job control exists on unix only).
    pub fn can_suspend(&self) -> bool {
        cfg!(unix)
    }
}

impl Drop for RawTerminal {
    fn drop(&mut self) {
        RAW_WANTED.store(false, Ordering::SeqCst);
        restore();
    }
}

/// Gives the terminal back its saved settings; a no-op when raw mode is off.
fn restore() {
    let _ = disable_raw_mode();
}

/// Re-applies raw mode even when crossterm believes it is on: the shell may have reset the
/// terminal while the process was stopped.
#[cfg(unix)]
fn reapply_raw() {
    if RAW_WANTED.load(Ordering::SeqCst) {
        restore();
        let _ = enable_raw_mode();
    }
}

fn install_hooks() {
    HOOKS.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        #[cfg(unix)]
        signals::start_thread();
    });
}

#[cfg(unix)]
mod signals {
    use std::sync::atomic::{AtomicBool, Ordering};

    use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    use signal_hook::iterator::Signals;
    use signal_hook::low_level::{emulate_default_handler, raise};

    use super::{reapply_raw, restore};

    static THREAD_RUNNING: AtomicBool = AtomicBool::new(false);

    /// Stops the process through the signal thread, which restores the terminal first.
    pub fn suspend() {
        // With no signal thread (it could not be started) stopping would leave the terminal raw
        // under the shell, so the key is then ignored.
        if THREAD_RUNNING.load(Ordering::SeqCst) {
            let _ = raise(SIGTSTP);
        }
    }

    pub fn start_thread() {
        let Ok(mut signals) = Signals::new([SIGTSTP, SIGCONT, SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("terminal-signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    match signal {
                        SIGTSTP => {
                            restore();
                            // Stops here until the shell sends SIGCONT.
                            let _ = emulate_default_handler(SIGTSTP);
                            reapply_raw();
                        }
                        SIGCONT => reapply_raw(),
                        other => {
                            restore();
                            let _ = emulate_default_handler(other);
                        }
                    }
                }
            });
        THREAD_RUNNING.store(spawned.is_ok(), Ordering::SeqCst);
    }
}
