# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_upy_global_optspecs
    string join \n p/port= b/baud= q/quiet no-progress reset-on-open h/help V/version
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

complete -c upy -n "__fish_upy_needs_command" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_needs_command" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_needs_command" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_needs_command" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_needs_command" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_needs_command" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_needs_command" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_needs_command" -f -a "devs" -d 'List serial ports, marking likely MicroPython boards'
complete -c upy -n "__fish_upy_needs_command" -f -a "exec" -d 'Run Python code on the board, streaming its output'
complete -c upy -n "__fish_upy_needs_command" -f -a "eval" -d 'Print the value of a Python expression evaluated on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "run" -d 'Run a local Python file on the board without copying it (Ctrl-C interrupts it)'
complete -c upy -n "__fish_upy_needs_command" -f -a "ls" -d 'List a directory on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "tree" -d 'Show the board\'s files as a tree'
complete -c upy -n "__fish_upy_needs_command" -f -a "cat" -d 'Print files from the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "cp" -d 'Copy files between this computer and the board (board paths start with `:`)'
complete -c upy -n "__fish_upy_needs_command" -f -a "rm" -d 'Remove files or directories on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "mv" -d 'Rename or move a file or folder on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "touch" -d 'Create empty files on the board (existing files keep their content)'
complete -c upy -n "__fish_upy_needs_command" -f -a "edit" -d 'Edit a board file in $VISUAL/$EDITOR; it is written back only if changed'
complete -c upy -n "__fish_upy_needs_command" -f -a "mkdir" -d 'Create directories on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "rmdir" -d 'Remove empty directories on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "df" -d 'Show size and free space of the board\'s filesystem'
complete -c upy -n "__fish_upy_needs_command" -f -a "sha256sum" -d 'Print SHA-256 checksums of files on the board'
complete -c upy -n "__fish_upy_needs_command" -f -a "reset" -d 'Restart the board (soft by default, --hard for machine.reset())'
complete -c upy -n "__fish_upy_needs_command" -f -a "soft-reset" -d 'Clear the board\'s interpreter and stay connected (boot.py runs, main.py does not)'
complete -c upy -n "__fish_upy_needs_command" -f -a "resume" -d 'Go on with the board as it is, without a reset (upy never resets on connecting)'
complete -c upy -n "__fish_upy_needs_command" -f -a "rtc" -d 'Print the board\'s clock; --set sets it from this computer\'s local time'
complete -c upy -n "__fish_upy_needs_command" -f -a "info" -d 'Show the board\'s firmware, .mpy format, memory, storage and optional modules'
complete -c upy -n "__fish_upy_needs_command" -f -a "repl" -d 'Connect this terminal to the board\'s interactive REPL (exit with Ctrl-] or Ctrl-X)'
complete -c upy -n "__fish_upy_needs_command" -f -a "flash" -d 'Write MicroPython firmware to a board (ESP serial bootloader, UF2 or DAPLink drive, debug probe)'
complete -c upy -n "__fish_upy_needs_command" -f -a "sync" -d 'Mirror a local folder onto the board, sending only what changed; --watch keeps it so'
complete -c upy -n "__fish_upy_needs_command" -f -a "romfs" -d 'Build, inspect and deploy romfs images: read-only partitions of .mpy files run from flash'
complete -c upy -n "__fish_upy_needs_command" -f -a "mount" -d 'Let the board import and open files in a local folder (mounted at /remote), live'
complete -c upy -n "__fish_upy_needs_command" -f -a "mip" -d 'Install MicroPython packages (index, github:, URLs, local folders); `sync` installs upy.toml\'s [dependencies]'
complete -c upy -n "__fish_upy_needs_command" -f -a "compile" -d 'Compile Python source files or directories to .mpy bytecode (as mpy-cross 1.29.0)'
complete -c upy -n "__fish_upy_needs_command" -f -a "completions" -d 'Print shell completions for SHELL to stdout'
complete -c upy -n "__fish_upy_needs_command" -f -a "firmware" -d 'Board catalog and firmware cache: list boards, fetch official firmware, print paths, update boards, convert images'
complete -c upy -n "__fish_upy_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c upy -n "__fish_upy_using_subcommand devs" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand devs" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand devs" -s a -l all -d 'Also list ports that are not USB devices (built-in UARTs such as /dev/ttyS0)'
complete -c upy -n "__fish_upy_using_subcommand devs" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand devs" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand devs" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand devs" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand devs" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand exec" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand exec" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand exec" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand exec" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand exec" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand exec" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand exec" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand eval" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand eval" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand eval" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand eval" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand eval" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand eval" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand eval" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand run" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand run" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand run" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand run" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand run" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand run" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand run" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand ls" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand ls" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand ls" -s l -l long -d 'Long format: size in bytes before each name'
complete -c upy -n "__fish_upy_using_subcommand ls" -s r -l recursive -d 'List subdirectories recursively, with paths relative to PATH'
complete -c upy -n "__fish_upy_using_subcommand ls" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand ls" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand ls" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand ls" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand ls" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand tree" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand tree" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand tree" -s s -l size -d 'Show file sizes'
complete -c upy -n "__fish_upy_using_subcommand tree" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand tree" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand tree" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand tree" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand tree" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand cat" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand cat" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand cat" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand cat" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand cat" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand cat" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand cat" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand cp" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand cp" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand cp" -s r -l recursive -d 'Copy directories and everything in them'
complete -c upy -n "__fish_upy_using_subcommand cp" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand cp" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand cp" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand cp" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand cp" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand rm" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand rm" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand rm" -s r -l recursive -d 'Remove directories and everything in them'
complete -c upy -n "__fish_upy_using_subcommand rm" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand rm" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand rm" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand rm" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand rm" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand mv" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand mv" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand mv" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand mv" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand mv" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand mv" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand mv" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand touch" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand touch" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand touch" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand touch" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand touch" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand touch" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand touch" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand edit" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand edit" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand edit" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand edit" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand edit" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand edit" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand edit" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand mkdir" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand mkdir" -l parents -d 'Create missing parents too; an existing directory is not an error (`-p` is `--port`)'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand mkdir" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand rmdir" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand rmdir" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand rmdir" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand rmdir" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand rmdir" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand rmdir" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand rmdir" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand df" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand df" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand df" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand df" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand df" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand df" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand df" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand sha256sum" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand reset" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand reset" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand reset" -l soft -d 'Soft reset (the default): restart the interpreter, keep the hardware; boot.py and main.py run'
complete -c upy -n "__fish_upy_using_subcommand reset" -l hard -d 'Hard reset with machine.reset(): like pressing the reset button (USB may re-enumerate)'
complete -c upy -n "__fish_upy_using_subcommand reset" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand reset" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand reset" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand reset" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand reset" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand soft-reset" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand soft-reset" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand soft-reset" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand soft-reset" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand soft-reset" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand soft-reset" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand soft-reset" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand resume" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand resume" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand resume" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand resume" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand resume" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand resume" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand resume" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand rtc" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand rtc" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand rtc" -l set -d 'Set the board\'s clock to this computer\'s local time first'
complete -c upy -n "__fish_upy_using_subcommand rtc" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand rtc" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand rtc" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand rtc" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand rtc" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand info" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand info" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand info" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand info" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand info" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand info" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand info" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand repl" -l capture -d 'Record everything the board prints to FILE (created or truncated)' -r -F
complete -c upy -n "__fish_upy_using_subcommand repl" -l paste -d 'Send FILE through the board\'s paste mode when connected; Ctrl-T sends it again' -r -F
complete -c upy -n "__fish_upy_using_subcommand repl" -l exec -d 'Run CODE on the board (through paste mode) before handing over the keyboard' -r
complete -c upy -n "__fish_upy_using_subcommand repl" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand repl" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand repl" -l no-reconnect -d 'Exit when the board disconnects instead of waiting for it to come back'
complete -c upy -n "__fish_upy_using_subcommand repl" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand repl" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand repl" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand repl" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand repl" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand flash" -s f -l firmware -d 'Image to write (ESP .bin, .uf2, Intel .hex, ELF); default: the board\'s official firmware' -r -F
complete -c upy -n "__fish_upy_using_subcommand flash" -l board -d 'Board id from `upy firmware list` (default: detected)' -r
complete -c upy -n "__fish_upy_using_subcommand flash" -l variant -d 'Board variant (SPIRAM, OTA, ...; default: the plain build, or what the running firmware says)' -r
complete -c upy -n "__fish_upy_using_subcommand flash" -l version -d 'MicroPython version of the official firmware (default: the board\'s newest release)' -r
complete -c upy -n "__fish_upy_using_subcommand flash" -l base-url -d 'Download from this folder instead of MicroPython\'s (a mirror with the same file names)' -r
complete -c upy -n "__fish_upy_using_subcommand flash" -l method -d 'How to flash (default: from the image and what is attached)' -r -f -a "esp\t''
uf2\t''
daplink\t''
probe\t''"
complete -c upy -n "__fish_upy_using_subcommand flash" -l offset -d 'Flash address of an ESP image (default: 0x1000 on ESP32/S2, 0x0 on the others), or of a raw binary written through a debug probe' -r
complete -c upy -n "__fish_upy_using_subcommand flash" -l before -d 'How to enter the ESP ROM bootloader: toggle DTR/RTS, or assume it is there already' -r -f -a "default-reset\t''
no-reset\t''"
complete -c upy -n "__fish_upy_using_subcommand flash" -l after -d 'What to do after writing (default: hard-reset; with --before no-reset, no-reset)' -r -f -a "hard-reset\t''
no-reset\t''"
complete -c upy -n "__fish_upy_using_subcommand flash" -l drive -d 'Folder of the UF2 or DAPLink drive (default: found among mounted drives)' -r -F
complete -c upy -n "__fish_upy_using_subcommand flash" -l probe -d 'Flash through a debug probe (probe-rs); optionally VID:PID[:SERIAL] of the probe' -r
complete -c upy -n "__fish_upy_using_subcommand flash" -l chip -d 'Target chip for a debug probe (probe-rs name, e.g. RP2040, nRF52840_xxAA)' -r
complete -c upy -n "__fish_upy_using_subcommand flash" -l timeout -d 'Seconds to wait for a drive to take the image' -r
complete -c upy -n "__fish_upy_using_subcommand flash" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand flash" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand flash" -l erase -d 'Erase the whole flash before writing (ESP)'
complete -c upy -n "__fish_upy_using_subcommand flash" -l bootloader -d 'Ask the running MicroPython to enter its bootloader first (machine.bootloader())'
complete -c upy -n "__fish_upy_using_subcommand flash" -l list-probes -d 'List connected debug probes and exit'
complete -c upy -n "__fish_upy_using_subcommand flash" -l dry-run -d 'Check image, target and layout, then stop before writing'
complete -c upy -n "__fish_upy_using_subcommand flash" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand flash" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand flash" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand flash" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand sync" -l exclude -d 'Do not send local files matching GLOB (gitignore syntax; repeatable)' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -l keep -d 'Never delete board files matching GLOB (`dir/` keeps a folder; repeatable)' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -s O -l optimize -d 'Optimisation level of --compile, as mpy-cross -O' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -l reload -d 'After each --watch sync: soft-reset (reboot, run main.py), reimport (re-run main.py), none' -r -f -a "soft-reset\t''
reimport\t''
none\t''"
complete -c upy -n "__fish_upy_using_subcommand sync" -l debounce -d 'Milliseconds of quiet after a file event before --watch syncs (bursts of saves batch)' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand sync" -l delete -d 'Remove board files under REMOTE that no longer exist locally'
complete -c upy -n "__fish_upy_using_subcommand sync" -l no-delete -d 'Leave board files that no longer exist locally (overrides upy.toml)'
complete -c upy -n "__fish_upy_using_subcommand sync" -l delete-kept -d 'With --delete, also remove boot.py and files matched by the keep list'
complete -c upy -n "__fish_upy_using_subcommand sync" -s n -l dry-run -d 'Print the plan without changing the board'
complete -c upy -n "__fish_upy_using_subcommand sync" -l compile -d 'Compile .py files to .mpy before sending (main.py and boot.py stay source)'
complete -c upy -n "__fish_upy_using_subcommand sync" -l no-compile -d 'Send .py files as they are (overrides upy.toml)'
complete -c upy -n "__fish_upy_using_subcommand sync" -l romfs -d 'Deploy the code (.py compiled to .mpy, and .mpy) as a romfs image to the ROM partition mounted at /rom; sync the other files (and main.py, boot.py) to the filesystem'
complete -c upy -n "__fish_upy_using_subcommand sync" -l no-romfs -d 'Sync the code to the filesystem as usual (overrides upy.toml)'
complete -c upy -n "__fish_upy_using_subcommand sync" -s w -l watch -d 'Keep syncing on every local change and reload the code on the board'
complete -c upy -n "__fish_upy_using_subcommand sync" -l show-settings -d 'Print the resolved settings and stop'
complete -c upy -n "__fish_upy_using_subcommand sync" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand sync" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand sync" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand sync" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand sync" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -f -a "build" -d 'Build a romfs image from a folder, compiling .py files to .mpy (as `mpremote romfs build`)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -f -a "query" -d 'Show the board\'s ROM partitions: size, erase block, the image and files in each, mounted or not'
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -f -a "deploy" -d 'Write a romfs image (or a folder, built first) to a ROM partition, verify it and mount it at /rom'
complete -c upy -n "__fish_upy_using_subcommand romfs; and not __fish_seen_subcommand_from build query deploy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -s o -l output -d 'Where to write the image (default: DIR.romfs, as mpremote)' -r -F
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -l mpy -d 'Compile .py files to .mpy in the image (the default)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -l no-mpy -d 'Store .py files as they are, uncompiled'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -l ignore-files -d 'Leave out what .gitignore and .upyignore files exclude, those files themselves and .git folders (the image then differs from mpremote\'s, which takes every file)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from build" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from query" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from query" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from query" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from query" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from query" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from query" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -l partition -d 'The ROM partition to write (`upy romfs query` lists them; boards mount 0 at /rom)' -r
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -l mpy -d 'Compile .py files to .mpy in the image (the default)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -l no-mpy -d 'Store .py files as they are, uncompiled'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -l ignore-files -d 'Leave out what .gitignore and .upyignore files exclude, those files themselves and .git folders (the image then differs from mpremote\'s, which takes every file)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from deploy" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build a romfs image from a folder, compiling .py files to .mpy (as `mpremote romfs build`)'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from help" -f -a "query" -d 'Show the board\'s ROM partitions: size, erase block, the image and files in each, mounted or not'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from help" -f -a "deploy" -d 'Write a romfs image (or a folder, built first) to a ROM partition, verify it and mount it at /rom'
complete -c upy -n "__fish_upy_using_subcommand romfs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c upy -n "__fish_upy_using_subcommand mount" -l entry -d 'The module `--watch` runs' -r
complete -c upy -n "__fish_upy_using_subcommand mount" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand mount" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand mount" -l no-mpy -d 'Serve .py modules as source (by default they are served as .mpy compiled on this computer for the board\'s .mpy version)'
complete -c upy -n "__fish_upy_using_subcommand mount" -l unsafe-links -d 'Allow symlinks that point out of the folder'
complete -c upy -n "__fish_upy_using_subcommand mount" -l watch -d 'Run the entry module and run it again (after a soft reset) on every change'
complete -c upy -n "__fish_upy_using_subcommand mount" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand mount" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand mount" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand mount" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand mount" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand mip; and not __fish_seen_subcommand_from install sync help" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand mip; and not __fish_seen_subcommand_from install sync help" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand mip; and not __fish_seen_subcommand_from install sync help" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand mip; and not __fish_seen_subcommand_from install sync help" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand mip; and not __fish_seen_subcommand_from install sync help" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand mip; and not __fish_seen_subcommand_from install sync help" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand mip; and not __fish_seen_subcommand_from install sync help" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand mip; and not __fish_seen_subcommand_from install sync help" -f -a "install" -d 'Install packages and their dependencies: index names, github:/gitlab: repos, URLs, local folders'
complete -c upy -n "__fish_upy_using_subcommand mip; and not __fish_seen_subcommand_from install sync help" -f -a "sync" -d 'Install exactly upy.toml\'s [dependencies], pinned in upy.lock, and print what changed'
complete -c upy -n "__fish_upy_using_subcommand mip; and not __fish_seen_subcommand_from install sync help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -l target -d 'Folder on the board to install into (default: the first `sys.path` entry ending in /lib)' -r
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -l index -d 'Package index base URL (default: micropython-lib\'s, https://micropython.org/pi/v2)' -r
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -l no-mpy -d 'Take the .py sources from the index instead of files compiled for the board\'s .mpy version'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -l mpy -d 'Take files compiled for the board\'s .mpy version when the index has them (overrides upy.toml)'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -l compile -d 'Compile the packages\' .py files to .mpy for the board before installing'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -l no-compile -d 'Install .py files as they come (overrides upy.toml)'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -l target -d 'Folder on the board to install into (default: the first `sys.path` entry ending in /lib)' -r
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -l index -d 'Package index base URL (default: micropython-lib\'s, https://micropython.org/pi/v2)' -r
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -l update -d 'Resolve every dependency afresh (newest versions) instead of keeping upy.lock\'s pins'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -l no-mpy -d 'Take the .py sources from the index instead of files compiled for the board\'s .mpy version'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -l mpy -d 'Take files compiled for the board\'s .mpy version when the index has them (overrides upy.toml)'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -l compile -d 'Compile the packages\' .py files to .mpy for the board before installing'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -l no-compile -d 'Install .py files as they come (overrides upy.toml)'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from help" -f -a "install" -d 'Install packages and their dependencies: index names, github:/gitlab: repos, URLs, local folders'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Install exactly upy.toml\'s [dependencies], pinned in upy.lock, and print what changed'
complete -c upy -n "__fish_upy_using_subcommand mip; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c upy -n "__fish_upy_using_subcommand compile" -s o -d 'Output: a .mpy file for a single source file, otherwise a directory that mirrors the sources (default: next to each source)' -r -F
complete -c upy -n "__fish_upy_using_subcommand compile" -s s -d 'Source file name stored in the .mpy (single source file only; default: the path given)' -r
complete -c upy -n "__fish_upy_using_subcommand compile" -s O -d 'Optimisation level as mpy-cross\'s -O0..-O3 (1+: no asserts, __debug__ false; 3: no line numbers)' -r
complete -c upy -n "__fish_upy_using_subcommand compile" -s m -d 'Target option: `-msmall-int-bits=N` (default 31), `-march=ARCH` (the target of functions decorated native/viper), `-march-flags=FLAGS` (rv32imc: zba, zcmp)' -r
complete -c upy -n "__fish_upy_using_subcommand compile" -s X -d 'Implementation option: `-X no-source-lines`, `-X source-lines`, `-X heapsize=N`, `-X emit=bytecode|native|viper` (native and viper need -march)' -r
complete -c upy -n "__fish_upy_using_subcommand compile" -s j -l jobs -d 'Number of files compiled at once (default: number of cores)' -r
complete -c upy -n "__fish_upy_using_subcommand compile" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand compile" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand compile" -s v -d 'Accepted for mpy-cross command lines; has no effect'
complete -c upy -n "__fish_upy_using_subcommand compile" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand compile" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand compile" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand compile" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand compile" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand completions" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand completions" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand completions" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand completions" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand completions" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand completions" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand completions" -s V -l version -d 'Print version'
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -f -a "list" -d 'List the boards MicroPython publishes firmware for (search by id, vendor, product, MCU)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -f -a "fetch" -d 'Download a board\'s official MicroPython firmware into the cache (SHA-256 recorded)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -f -a "path" -d 'Print the cached firmware file of a board (after checking its SHA-256)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -f -a "update" -d 'Flash every connected board whose MicroPython is older than a release, keeping its variant'
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -f -a "convert" -d 'Convert an image between .bin, .uf2 and .hex (format chosen by OUTPUT\'s extension)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and not __fish_seen_subcommand_from list fetch path update convert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from list" -l mp-port -d 'Only boards of this MicroPython port (esp32, esp8266, rp2, stm32, nrf, samd, mimxrt, renesas-ra, ...); `--port` is the serial port' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from list" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from list" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from list" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from fetch" -l variant -d 'Board variant (SPIRAM, OTA, ...; `upy firmware list` shows them); default: the plain build' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from fetch" -l version -d 'MicroPython version (default: the board\'s newest release)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from fetch" -l base-url -d 'Download from this folder instead of MicroPython\'s (a mirror with the same file names)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from fetch" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from fetch" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from fetch" -l force -d 'Download again even when a verified copy is cached'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from fetch" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from fetch" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from fetch" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from fetch" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from path" -l variant -d 'Board variant (default: the plain build)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from path" -l version -d 'MicroPython version (default: the board\'s newest release)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from path" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from path" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from path" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from path" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from update" -l version -d 'The release to bring boards to (default: each board\'s newest release)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from update" -l base-url -d 'Download from this folder instead of MicroPython\'s (a mirror with the same file names)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from update" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from update" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from update" -l dry-run -d 'Print what would be flashed, then stop'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from update" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from update" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from convert" -s o -l output -d 'File to write; its extension picks the format: .uf2, .hex or .bin' -r -F
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from convert" -l family -d 'UF2 family: a chip name (rp2040, rp2350, esp32s3, samd51, ...) or a hex id' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from convert" -l base -d 'Address of a .bin\'s first byte (default: 0x10000000 on RP2040/RP2350, the ESP offset for ESP images)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from convert" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from convert" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from convert" -l reset-on-open -d 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from convert" -s q -l quiet -d 'Print only errors and the commands\' own output'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from convert" -l no-progress -d 'Never draw progress bars (they are already hidden when stderr is not a terminal)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the boards MicroPython publishes firmware for (search by id, vendor, product, MCU)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from help" -f -a "fetch" -d 'Download a board\'s official MicroPython firmware into the cache (SHA-256 recorded)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the cached firmware file of a board (after checking its SHA-256)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from help" -f -a "update" -d 'Flash every connected board whose MicroPython is older than a release, keeping its variant'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from help" -f -a "convert" -d 'Convert an image between .bin, .uf2 and .hex (format chosen by OUTPUT\'s extension)'
complete -c upy -n "__fish_upy_using_subcommand firmware; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "devs" -d 'List serial ports, marking likely MicroPython boards'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "exec" -d 'Run Python code on the board, streaming its output'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "eval" -d 'Print the value of a Python expression evaluated on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "run" -d 'Run a local Python file on the board without copying it (Ctrl-C interrupts it)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "ls" -d 'List a directory on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "tree" -d 'Show the board\'s files as a tree'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "cat" -d 'Print files from the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "cp" -d 'Copy files between this computer and the board (board paths start with `:`)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "rm" -d 'Remove files or directories on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "mv" -d 'Rename or move a file or folder on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "touch" -d 'Create empty files on the board (existing files keep their content)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "edit" -d 'Edit a board file in $VISUAL/$EDITOR; it is written back only if changed'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "mkdir" -d 'Create directories on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "rmdir" -d 'Remove empty directories on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "df" -d 'Show size and free space of the board\'s filesystem'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "sha256sum" -d 'Print SHA-256 checksums of files on the board'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "reset" -d 'Restart the board (soft by default, --hard for machine.reset())'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "soft-reset" -d 'Clear the board\'s interpreter and stay connected (boot.py runs, main.py does not)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "resume" -d 'Go on with the board as it is, without a reset (upy never resets on connecting)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "rtc" -d 'Print the board\'s clock; --set sets it from this computer\'s local time'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "info" -d 'Show the board\'s firmware, .mpy format, memory, storage and optional modules'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "repl" -d 'Connect this terminal to the board\'s interactive REPL (exit with Ctrl-] or Ctrl-X)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "flash" -d 'Write MicroPython firmware to a board (ESP serial bootloader, UF2 or DAPLink drive, debug probe)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "sync" -d 'Mirror a local folder onto the board, sending only what changed; --watch keeps it so'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "romfs" -d 'Build, inspect and deploy romfs images: read-only partitions of .mpy files run from flash'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "mount" -d 'Let the board import and open files in a local folder (mounted at /remote), live'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "mip" -d 'Install MicroPython packages (index, github:, URLs, local folders); `sync` installs upy.toml\'s [dependencies]'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "compile" -d 'Compile Python source files or directories to .mpy bytecode (as mpy-cross 1.29.0)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "completions" -d 'Print shell completions for SHELL to stdout'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "firmware" -d 'Board catalog and firmware cache: list boards, fetch official firmware, print paths, update boards, convert images'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs exec eval run ls tree cat cp rm mv touch edit mkdir rmdir df sha256sum reset soft-reset resume rtc info repl flash sync romfs mount mip compile completions firmware help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c upy -n "__fish_upy_using_subcommand help; and __fish_seen_subcommand_from romfs" -f -a "build" -d 'Build a romfs image from a folder, compiling .py files to .mpy (as `mpremote romfs build`)'
complete -c upy -n "__fish_upy_using_subcommand help; and __fish_seen_subcommand_from romfs" -f -a "query" -d 'Show the board\'s ROM partitions: size, erase block, the image and files in each, mounted or not'
complete -c upy -n "__fish_upy_using_subcommand help; and __fish_seen_subcommand_from romfs" -f -a "deploy" -d 'Write a romfs image (or a folder, built first) to a ROM partition, verify it and mount it at /rom'
complete -c upy -n "__fish_upy_using_subcommand help; and __fish_seen_subcommand_from mip" -f -a "install" -d 'Install packages and their dependencies: index names, github:/gitlab: repos, URLs, local folders'
complete -c upy -n "__fish_upy_using_subcommand help; and __fish_seen_subcommand_from mip" -f -a "sync" -d 'Install exactly upy.toml\'s [dependencies], pinned in upy.lock, and print what changed'
complete -c upy -n "__fish_upy_using_subcommand help; and __fish_seen_subcommand_from firmware" -f -a "list" -d 'List the boards MicroPython publishes firmware for (search by id, vendor, product, MCU)'
complete -c upy -n "__fish_upy_using_subcommand help; and __fish_seen_subcommand_from firmware" -f -a "fetch" -d 'Download a board\'s official MicroPython firmware into the cache (SHA-256 recorded)'
complete -c upy -n "__fish_upy_using_subcommand help; and __fish_seen_subcommand_from firmware" -f -a "path" -d 'Print the cached firmware file of a board (after checking its SHA-256)'
complete -c upy -n "__fish_upy_using_subcommand help; and __fish_seen_subcommand_from firmware" -f -a "update" -d 'Flash every connected board whose MicroPython is older than a release, keeping its variant'
complete -c upy -n "__fish_upy_using_subcommand help; and __fish_seen_subcommand_from firmware" -f -a "convert" -d 'Convert an image between .bin, .uf2 and .hex (format chosen by OUTPUT\'s extension)'
