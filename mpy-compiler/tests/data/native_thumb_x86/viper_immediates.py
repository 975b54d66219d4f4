# Constants of every width: the Thumb-1 sequences (shifted byte, 16-bit build-up, negated
# forms, pc-relative literal with and without an alignment nop) and movw/movt.
@micropython.viper
def small() -> int:
    a = 0
    b = 1
    c = 255
    d = 256
    e = 0x1000
    f = 0xFF00
    return a + b + c + d + e + f


@micropython.viper
def wide() -> int:
    a = 0x1234
    b = 0xFFFF
    c = 0x10000
    d = 0x12345
    e = 0x3FFFFFFF
    f = 0x12345678
    return a + b + c + d + e + f


@micropython.viper
def negative() -> int:
    a = -1
    b = -5
    c = -256
    d = -0x1234
    e = -0x12345
    f = -0x3FFFFFFF
    return a + b + c + d + e + f


@micropython.viper
def unsigned() -> uint:
    a = uint(0xFFFFFFFF)
    b = uint(0x80000000)
    c = uint(0xDEADBEEF)
    return a ^ b ^ c


@micropython.viper
def misaligned_literal(x: int) -> int:
    y = x + 1
    z = y * 0x12345678
    return z + 0x0BADF00D


@micropython.native
def objects():
    return (1, -1, 1 << 20, 1 << 29, -(1 << 29), 123456789, "s", b"b", 1.5, None, True)


print(small(), wide(), negative(), unsigned(), misaligned_literal(3))
print(objects())
