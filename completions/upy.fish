# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_upy_global_optspecs
    string join \n p/port= b/baud= q/quiet no-progress h/help V/version
end

function __fish_upy_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_upy_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_upy_using_subcommand
    set -l cmd (__fish_upy_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c upy -n "__fish_upy_needs_command" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_needs_command" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_needs_command" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_needs_command" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_needs_command" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_needs_command" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_needs_command" -f -a "devs" -d 'List serial ports, marking likely MicroPython boards'
complete -c upy -n "__fish_upy_needs_command" -f -a "completions" -d 'Print shell completions for SHELL to stdout'
complete -c upy -n "__fish_upy_needs_command" -f -a "sync" -d 'Mirror a local folder onto the board, sending only what changed; --watch keeps it so'
complete -c upy -n "__fish_upy_needs_command" -f -a "exec" -d 'Run Python code on the board, streaming its output'
complete -c upy -n "__fish_upy_needs_command" -f -a "eval" -d 'Print the value of a Python expression evaluated on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "run" -d 'Run a local Python file on the board without copying it (Ctrl-C interrupts it)'
complete -c upy -n "__fish_upy_needs_command" -f -a "ls" -d 'List a directory on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "tree" -d 'Show the board\'s files as a tree'
complete -c upy -n "__fish_upy_needs_command" -f -a "cat" -d 'Print files from the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "cp" -d 'Copy files between this computer and the board (board paths start with `:`)'
complete -c upy -n "__fish_upy_needs_command" -f -a "rm" -d 'Remove files or directories on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "mkdir" -d 'Create directories on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "rmdir" -d 'Remove empty directories on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "df" -d 'Show size and free space of the board\'s filesystem'
complete -c upy -n "__fish_upy_needs_command" -f -a "sha256sum" -d 'Print SHA-256 checksums of files on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "reset" -d 'Restart the board (soft by default, --hard for machine.reset())'
complete -c upy -n "__fish_upy_needs_command" -f -a "info" -d 'Show the board\'s firmware, .mpy format, memory, storage and optional modules'
complete -c upy -n "__fish_upy_needs_command" -f -a "repl" -d 'Connect this terminal to the board\'s interactive REPL (exit with Ctrl-] or Ctrl-X)'
complete -c upy -n "__fish_upy_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c upy -n "__fish_upy_using_subcommand devs" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand devs" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand devs" -s a -l all -d 'Also list ports that are not USB devices (built-in UARTs such as /dev/ttyS0)'
complete -c upy -n "__fish_upy_using_subcommand devs" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand devs" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand devs" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand devs" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand completions" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand completions" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand completions" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand completions" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand completions" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand completions" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand sync" -l exclude -d 'Do not send local files matching GLOB (gitignore syntax; repeatable)' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -l keep -d 'Never delete board files matching GLOB (`dir/` keeps a folder; repeatable)' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -s O -l optimize -d 'Optimisation level of --compile, as mpy-cross -O' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -l reload -d 'After each --watch sync: soft-reset (reboot, run main.py), reimport (re-run main.py), none' -r -f -a "soft-reset\t''
reimport\t''
none\t''"
complete -c upy -n "__fish_upy_using_subcommand sync" -l debounce -d 'Milliseconds of quiet after a file event before --watch syncs (bursts of saves batch)' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -l delete -d 'Remove board files under REMOTE that no longer exist locally'
complete -c upy -n "__fish_upy_using_subcommand sync" -l no-delete -d 'Leave board files that no longer exist locally (overrides upy.toml)'
complete -c upy -n "__fish_upy_using_subcommand sync" -l delete-kept -d 'With --delete, also remove boot.py and files matched by the keep list'
complete -c upy -n "__fish_upy_using_subcommand sync" -s n -l dry-run -d 'Print the plan without changing the board'
complete -c upy -n "__fish_upy_using_subcommand sync" -l compile -d 'Compile .py files to .mpy before sending (main.py and boot.py stay source)'
complete -c upy -n "__fish_upy_using_subcommand sync" -l no-compile -d 'Send .py files as they are (overrides upy.toml)'
complete -c upy -n "__fish_upy_using_subcommand sync" -s w -l watch -d 'Keep syncing on every local change and reload the code on the board'
complete -c upy -n "__fish_upy_using_subcommand sync" -l show-settings -d 'Print the resolved settings and stop'
complete -c upy -n "__fish_upy_using_subcommand sync" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand sync" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand sync" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand sync" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand exec" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand exec" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand exec" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand exec" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand exec" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand exec" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand eval" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand eval" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand eval" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand eval" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand eval" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand eval" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand run" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand run" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand run" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand run" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand run" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand run" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand ls" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand ls" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand ls" -s l -l long -d 'Long format: size in bytes before each name'
complete -c upy -n "__fish_upy_using_subcommand ls" -s r -l recursive -d 'List subdirectories recursively, with paths relative to PATH'
complete -c upy -n "__fish_upy_using_subcommand ls" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand ls" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand ls" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand ls" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand tree" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand tree" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand tree" -s s -l size -d 'Show file sizes'
complete -c upy -n "__fish_upy_using_subcommand tree" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand tree" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand tree" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand tree" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand cat" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand cat" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand cat" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand cat" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand cat" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand cat" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand cp" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand cp" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand cp" -s r -l recursive -d 'Copy directories and everything in them'
complete -c upy -n "__fish_upy_using_subcommand cp" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand cp" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand cp" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand cp" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand rm" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand rm" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand rm" -s r -l recursive -d 'Remove directories and everything in them'
complete -c upy -n "__fish_upy_using_subcommand rm" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand rm" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand rm" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand rm" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand mkdir" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand mkdir" -l parents -d 'Create missing parents too; an existing directory is not an error (`-p` is `--port`)'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand rmdir" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand rmdir" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand rmdir" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand rmdir" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand rmdir" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand rmdir" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand df" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand df" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand df" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand df" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand df" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand df" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand reset" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand reset" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand reset" -l soft -d 'Soft reset (the default): restart the interpreter, keep the hardware; boot.py and main.py run'
complete -c upy -n "__fish_upy_using_subcommand reset" -l hard -d 'Hard reset with machine.reset(): like pressing the reset button (USB may re-enumerate)'
complete -c upy -n "__fish_upy_using_subcommand reset" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand reset" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand reset" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand reset" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand info" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand info" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand info" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand info" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand info" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand info" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand repl" -l capture -d 'Record everything the board prints to FILE (created or truncated)' -r -F
complete -c upy -n "__fish_upy_using_subcommand repl" -l paste -d 'Send FILE through the board\'s paste mode when connected; Ctrl-T sends it again' -r -F
complete -c upy -n "__fish_upy_using_subcommand repl" -l exec -d 'Run CODE on the board (through paste mode) before handing over the keyboard' -r
complete -c upy -n "__fish_upy_using_subcommand repl" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand repl" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand repl" -l no-reconnect -d 'Exit when the board disconnects instead of waiting for it to come back'
complete -c upy -n "__fish_upy_using_subcommand repl" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand repl" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand repl" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand repl" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "devs" -d 'List serial ports, marking likely MicroPython boards'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "completions" -d 'Print shell completions for SHELL to stdout'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "sync" -d 'Mirror a local folder onto the board, sending only what changed; --watch keeps it so'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "exec" -d 'Run Python code on the board, streaming its output'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "eval" -d 'Print the value of a Python expression evaluated on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "run" -d 'Run a local Python file on the board without copying it (Ctrl-C interrupts it)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "ls" -d 'List a directory on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "tree" -d 'Show the board\'s files as a tree'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "cat" -d 'Print files from the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "cp" -d 'Copy files between this computer and the board (board paths start with `:`)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "rm" -d 'Remove files or directories on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "mkdir" -d 'Create directories on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "rmdir" -d 'Remove empty directories on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "df" -d 'Show size and free space of the board\'s filesystem'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "sha256sum" -d 'Print SHA-256 checksums of files on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "reset" -d 'Restart the board (soft by default, --hard for machine.reset())'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "info" -d 'Show the board\'s firmware, .mpy format, memory, storage and optional modules'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "repl" -d 'Connect this terminal to the board\'s interactive REPL (exit with Ctrl-] or Ctrl-X)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync exec eval run ls tree cat cp rm mkdir rmdir df sha256sum reset info repl help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
