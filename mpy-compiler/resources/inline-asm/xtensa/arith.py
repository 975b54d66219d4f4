# Moves, immediates and register arithmetic.
@micropython.asm_xtensa
def calc(a2, a3):
    movi(a4, 100)
    movi(a5, -3)
    add(a2, a2, a3)
    sub(a2, a2, a4)
    addi(a2, a2, 17)
    mull(a2, a2, a5)
    and_(a6, a2, a3)
    or_(a6, a6, a4)
    xor(a2, a2, a6)
    neg(a3, a2)
    mov(a2, a3)
