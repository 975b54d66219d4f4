# Labels, branches, jumps and loops.
@micropython.asm_rv32
def count(a0):
    li(a1, 0)
    label(loop)
    beq(a0, zero, done)
    add(a1, a1, a0)
    addi(a0, a0, -1)
    beq(zero, zero, loop)
    label(done)
    mv(a0, a1)

@micropython.asm_rv32
def compare(a0, a1):
    blt(a0, a1, less)
    bgeu(a0, a1, other)
    li(a0, 1)
    beq(zero, zero, end)
    label(less)
    li(a0, 2)
    beq(zero, zero, end)
    label(other)
    li(a0, 3)
    label(end)
