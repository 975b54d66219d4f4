# Loads and stores through ptr8/ptr16/ptr32 at constant offsets (short, long and beyond
# a single instruction's reach) and at register offsets.
@micropython.viper
def constant_offsets(buf):
    p8 = ptr8(buf)
    p16 = ptr16(buf)
    p32 = ptr32(buf)
    p8[0] = 1
    p8[5] = p8[0]
    p8[255] = 2
    p8[256] = p8[255]
    p8[5000] = 3
    p16[0] = 4
    p16[7] = p16[0]
    p16[127] = 5
    p16[300] = p16[127]
    p16[2047] = 6
    p32[0] = 7
    p32[3] = p32[0]
    p32[15] = 8
    p32[16] = p32[15]
    p32[70] = 9
    p32[700] = p32[70]


@micropython.viper
def register_offsets(buf, n: int) -> int:
    p8 = ptr8(buf)
    p16 = ptr16(buf)
    p32 = ptr32(buf)
    total = 0
    for i in range(n):
        p8[i] = i
        p16[i] = p8[i] + 1
        p32[i] = p16[i] * 2
        total += p32[i]
    return total


buf = bytearray(8192)
constant_offsets(buf)
print(register_offsets(buf, 10), buf[5000], buf[0])
