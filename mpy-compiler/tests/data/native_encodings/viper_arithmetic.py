# Every comparison in signed and unsigned form, and the arithmetic and bitwise operators.
@micropython.viper
def compare_signed(a: int, b: int) -> int:
    r = 0
    if a < b:
        r |= 1
    if a > b:
        r |= 2
    if a == b:
        r |= 4
    if a <= b:
        r |= 8
    if a >= b:
        r |= 16
    if a != b:
        r |= 32
    return r


@micropython.viper
def compare_unsigned(a: uint, b: uint) -> int:
    r = 0
    if a < b:
        r |= 1
    if a > b:
        r |= 2
    if a == b:
        r |= 4
    if a <= b:
        r |= 8
    if a >= b:
        r |= 16
    if a != b:
        r |= 32
    return r


@micropython.viper
def compare_values(a: int, b: int):
    return (a < b, a > b, a == b, a <= b, a >= b, a != b)


@micropython.viper
def operators(a: int, b: int) -> int:
    x = a + b
    x = x - b
    x = x * b
    x = x & 0xFF0
    x = x | a
    x = x ^ b
    x = x << 3
    x = x >> 1
    y = uint(x) >> 2
    return x + int(y) + (-a) + (~b)


print(compare_signed(1, 2), compare_signed(-5, -5), compare_unsigned(1, 2))
print(compare_values(3, 3), operators(12345, 67))
