# Loads, stores and shifts.
@micropython.asm_xtensa
def mem(a2, a3):
    l8ui(a4, a2, 1)
    l16ui(a5, a2, 2)
    l32i(a6, a2, 4)
    s8i(a4, a3, 0)
    s16i(a5, a3, 2)
    s32i(a6, a3, 4)
    slli(a4, a4, 3)
    srli(a5, a5, 2)
    srai(a6, a6, 1)
    add(a2, a4, a5)
