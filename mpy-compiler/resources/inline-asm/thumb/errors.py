# An unknown instruction: the error names its line.
@micropython.asm_thumb
def bad(r0):
    mov(r0, 1)
    frobnicate(r0, r1)
