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
complete -c upy -n "__fish_upy_needs_command" -f -a "repl" -d 'Connect this terminal to the board\'s interactive REPL (exit with Ctrl-] or Ctrl-X)'
complete -c upy -n "__fish_upy_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c upy -n "__fish_upy_using_subcommand devs" -s p -l port -d 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board' -r
complete -c upy -n "__fish_upy_using_subcommand devs" -s b -l baud -d 'Baud rate of the serial link (USB-CDC boards ignore it)' -r
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
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions repl help" -f -a "devs" -d 'List serial ports, marking likely MicroPython boards'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions repl help" -f -a "completions" -d 'Print shell completions for SHELL to stdout'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions repl help" -f -a "repl" -d 'Connect this terminal to the board\'s interactive REPL (exit with Ctrl-] or Ctrl-X)'
complete -c upy -n "__fish_upy_using_subcommand help; and not __fish_seen_subcommand_from devs completions repl help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
