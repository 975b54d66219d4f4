# Integer constants of every width the assemblers encode differently: short immediates,
# 12-bit immediates, upper+lower pairs and (Xtensa) the literal table.
@micropython.viper
def small() -> int:
    a = 0
    b = 31
    c = -32
    d = 95
    e = 96
    f = -33
    return a + b + c + d + e + f


@micropython.viper
def medium() -> int:
    a = 2047
    b = -2048
    c = 2048
    d = -2049
    e = 4095
    return a + b + c + d + e


@micropython.viper
def wide() -> int:
    a = 0x12345678
    b = 0x7FFFF
    c = 0x10000
    d = -0x12345
    e = 0x10010
    f = 0x3FFFFFFF
    g = -0x40000000
    return a + b + c + d + e + f + g


@micropython.viper
def unsigned_wide() -> uint:
    a = uint(0xFFFFF800)
    b = uint(0x80000000)
    return a + b


print(small(), medium(), wide(), unsigned_wide())
