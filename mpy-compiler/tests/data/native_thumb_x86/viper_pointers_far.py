# Pointer loads and stores at constant offsets inside and outside each encoding's reach
# (5-bit scaled, 12-bit, and the add-then-access fallback), and at register indexes.
@micropython.viper
def loads8(p: ptr8) -> int:
    return p[0] + p[1] + p[31] + p[32] + p[255] + p[256] + p[4095] + p[4096] + p[70000]


@micropython.viper
def loads16(p: ptr16) -> int:
    return p[0] + p[1] + p[31] + p[32] + p[127] + p[128] + p[2047] + p[2048] + p[40000]


@micropython.viper
def loads32(p: ptr32) -> int:
    return p[0] + p[1] + p[31] + p[32] + p[63] + p[64] + p[1023] + p[1024] + p[30000]


@micropython.viper
def stores(p8: ptr8, p16: ptr16, p32: ptr32, v: int):
    p8[0] = v
    p8[31] = v
    p8[32] = v
    p8[4096] = v
    p16[0] = v
    p16[31] = v
    p16[32] = v
    p16[2048] = v
    p16[50000] = v
    p32[0] = v
    p32[31] = v
    p32[32] = v
    p32[1024] = v
    p32[100000] = v


@micropython.viper
def indexed(p8: ptr8, p16: ptr16, p32: ptr32, i: int) -> int:
    p8[i] = p8[i + 1]
    p16[i] = p16[i + 1]
    p32[i] = p32[i + 1]
    return p8[i] + p16[i] + p32[i]


@micropython.viper
def indexed_locals(p8: ptr8, p16: ptr16, p32: ptr32, i: int, j: int, k: int) -> int:
    a = p8[i]
    b = p16[j]
    c = p32[k]
    p32[k] = a
    p16[j] = b
    p8[i] = c
    return a + b + c


b = bytearray(300000)
print(loads8(b), loads16(b), loads32(b))
stores(b, b, b, 7)
print(indexed(b, b, b, 1), indexed_locals(b, b, b, 1, 2, 3))
