# Loads, stores, push/pop and data.
@micropython.asm_thumb
def mem(r0, r1):
    ldr(r2, [r0, 0])
    ldr(r3, [r0, 4])
    str(r2, [r1, 8])
    ldrb(r2, [r0, 1])
    strb(r2, [r1, 3])
    ldrh(r3, [r0, 2])
    strh(r3, [r1, 6])
    ldrex(r2, [r0, 0])
    push({r4, r5, r7, lr})
    mov(r4, r0)
    pop({r4, r5, r7, pc})

@micropython.asm_thumb
def table(r0) -> uint:
    add(r0, r0, r0)
    add(r0, r0, r0)
    mov(r1, pc)
    add(r1, r1, 4)
    add(r1, r1, r0)
    ldr(r0, [r1, 0])
    b(out)
    align(4)
    data(4, 1, 2, 3, 0x7fffffff)
    label(out)
