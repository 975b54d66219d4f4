# Arithmetic, moves and immediates of several widths.
@micropython.asm_thumb
def add3(r0, r1, r2):
    add(r0, r0, r1)
    add(r0, r0, r2)

@micropython.asm_thumb
def consts():
    mov(r0, 200)
    movw(r1, 0x1234)
    movt(r1, 0x5678)
    movwt(r2, 0x12345678)
    sub(r0, r0, 7)
    add(r0, r0, r1)
    neg(r3, r0)
    mul(r0, r3)
    cmp(r0, 255)
    cmn(r0, r1)

@micropython.asm_thumb
def logic(r0, r1):
    and_(r0, r1)
    orr(r0, r1)
    eor(r0, r1)
    mvn(r2, r0)
    bic(r0, r2)
    lsl(r0, r0, 3)
    lsr(r1, r1, 2)
    asr(r2, r2, 1)
    ror(r0, r1)
    tst(r0, r1)
