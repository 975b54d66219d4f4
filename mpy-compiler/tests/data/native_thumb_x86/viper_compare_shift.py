# Every comparison, signed and unsigned (it/ite blocks or branches, setcc), shifts by a
# register (cl on x86), and the bitwise and arithmetic operators on all value registers.
@micropython.viper
def signed(a: int, b: int) -> int:
    r = 0
    if a < b: r |= 1
    if a > b: r |= 2
    if a == b: r |= 4
    if a <= b: r |= 8
    if a >= b: r |= 16
    if a != b: r |= 32
    return r


@micropython.viper
def unsigned(a: uint, b: uint) -> int:
    r = 0
    if a < b: r |= 1
    if a > b: r |= 2
    if a == b: r |= 4
    if a <= b: r |= 8
    if a >= b: r |= 16
    if a != b: r |= 32
    return r


@micropython.viper
def as_values(a: int, b: int) -> int:
    x = int(a < b) + int(a > b) + int(a == b) + int(a <= b) + int(a >= b) + int(a != b)
    return x


@micropython.viper
def shifts(a: int, n: int) -> int:
    return (a << n) + (a >> n) + (uint(a) >> n) + (a << 3) + (a >> 2)


@micropython.viper
def ops(a: int, b: int, c: int) -> int:
    return (a & b) | (b ^ c) + (a * c) - (b - a) + (~a) + (-b)


print(signed(1, 2), signed(2, 1), signed(2, 2), unsigned(1, 2), unsigned(-1, 2))
print(as_values(3, 4), shifts(5, 3), ops(6, 7, 8))
