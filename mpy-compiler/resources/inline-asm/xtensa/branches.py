# Labels, branches and loops.
@micropython.asm_xtensa
def count(a2):
    movi(a3, 0)
    label(loop)
    add(a3, a3, a2)
    addi(a2, a2, -1)
    bnez(a2, loop)
    mov(a2, a3)

@micropython.asm_xtensa
def compare(a2, a3):
    beq(a2, a3, same)
    blt(a2, a3, less)
    bgeu(a2, a3, other)
    movi(a2, 1)
    j(end)
    label(same)
    movi(a2, 0)
    j(end)
    label(less)
    movi(a2, 2)
    j(end)
    label(other)
    movi(a2, 3)
    label(end)
