# Immediates and register arithmetic.
@micropython.asm_rv32
def calc(a0, a1):
    li(a2, 100)
    li(a3, 0x12345)
    add(a0, a0, a1)
    sub(a0, a0, a2)
    addi(a0, a0, 17)
    mul(a0, a0, a3)
    and_(a4, a0, a1)
    or_(a4, a4, a2)
    xor(a0, a0, a4)
    slli(a0, a0, 2)
    srai(a0, a0, 1)
    div(a1, a0, a2)
    remu(a0, a0, a2)
