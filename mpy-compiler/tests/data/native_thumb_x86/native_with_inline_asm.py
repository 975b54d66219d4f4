# Native, viper and inline-assembler functions in one module: on the ARM targets all three
# kinds of machine code share the file (armv6 wraps the Thumb function in its ARM-state
# entry); on x86 mpy-cross refuses the assembler function (invalid arch).
@micropython.asm_thumb
def add_one(r0) -> int:
    add(r0, r0, 1)


@micropython.native
def twice(x):
    return add_one(x) + add_one(x)


@micropython.viper
def square(x: int) -> int:
    return x * x


print(twice(3), square(4))
