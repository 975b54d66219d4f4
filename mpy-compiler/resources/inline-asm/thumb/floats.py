# VFP instructions: compiled on armv7emsp/dp only, an error elsewhere.
@micropython.asm_thumb
def fsum(r0, r1):
    vmov(s0, r0)
    vmov(s1, r1)
    vcvt_f32_s32(s0, s0)
    vcvt_f32_s32(s1, s1)
    vadd(s2, s0, s1)
    vsub(s3, s2, s0)
    vmul(s4, s3, s1)
    vdiv(s5, s4, s1)
    vsqrt(s6, s5)
    vneg(s7, s6)
    vcmp(s6, s7)
    vmrs(APSR_nzcv, FPSCR)
    vldr(s8, [r0, 4])
    vstr(s8, [r0, 8])
    vcvt_s32_f32(s9, s7)
    vmov(r0, s9)
