# Loads and stores of every width.
@micropython.asm_rv32
def mem(a0, a1):
    lbu(a2, 1(a0))
    lhu(a3, 2(a0))
    lw(a4, 4(a0))
    sb(a2, 0(a1))
    sh(a3, 2(a1))
    sw(a4, 4(a1))
    add(a0, a2, a3)
