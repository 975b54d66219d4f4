# Viper functions: typed ints, pointers, loops and calls into Python objects.
import micropython


@micropython.viper
def add_ints(a: int, b: int) -> int:
    return a * b + (a << 2) - (b >> 1) ^ 0x55 | 3 & a


@micropython.viper
def sum_bytes(buf) -> int:
    p = ptr8(buf)
    n = int(len(buf))
    s = 0
    i = 0
    while i < n:
        s += p[i]
        i += 1
    return s


@micropython.viper
def fill16(buf, v: int):
    p = ptr16(buf)
    for i in range(int(len(buf)) // 2):
        p[i] = v + i


@micropython.viper
def words(buf) -> uint:
    p = ptr32(buf)
    p[1] = p[0] + 1
    return uint(p[1])


@micropython.viper
def compare(a: int, b: int) -> bool:
    return a < b and a != 0 or b >= 100


@micropython.viper
def objects(x) -> object:
    return [x, len(x), x[0]]


b = bytearray(b"\x01\x02\x03\xff")
print(add_ints(7, 9), sum_bytes(b))
c = bytearray(8)
fill16(c, 0x101)
print(list(c))
w = bytearray(8)
w[0] = 41
print(words(w), list(w))
print(compare(1, 2), compare(0, 2), compare(0, 200))
print(objects("hey"))
