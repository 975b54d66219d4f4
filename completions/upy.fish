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
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync help" -f -a "devs" -d 'List serial ports, marking likely MicroPython boards'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync help" -f -a "completions" -d 'Print shell completions for SHELL to stdout'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync help" -f -a "sync" -d 'Mirror a local folder onto the board, sending only what changed; --watch keeps it so'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions sync help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
