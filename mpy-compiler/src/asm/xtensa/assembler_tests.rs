use super::*;
use crate::asm::test_support::{self, hex};
use crate::asm::AsmPass;

/// Runs `f` through two compute passes (so the constant table is sized) and the emit pass,
/// as the native emitter does, and returns the code.
fn assemble<const W: bool>(f: impl Fn(&mut AsmXtensa<W>)) -> Vec<u8> {
    test_support::assemble(AsmXtensa::<W>::new(4), 2, f)
}

// Expected code checked instruction by instruction with xtensa-lx106-elf-objdump against
// the logic of py/asmxtensa.c; windowed calls (callx8) read by hand.

#[test]
fn call0_frame_saves_a0_and_a12_to_a15_in_a_16_byte_aligned_frame() {
    // addi a1, a1, -32 ; s32i.n a0/a12..a15 ; l32i.n a15..a12/a0 ; addi a1, a1, 32 ; ret.n
    let code = assemble::<false>(|a| {
        a.entry(2);
        a.exit();
    });
    assert_eq!(
        hex(&code),
        "12c1e00901c911d921e931f941f841e831d821c811080112c1200df0"
    );
    // A frame beyond addi's reach goes through a9: movi a9, 192 ; sub / add.n a1, a1, a9
    let code = assemble::<false>(|a| {
        a.entry(40);
        a.exit();
    });
    assert_eq!(
        hex(&code),
        "92a0c09011c00901c911d921e931f941f841e831d821c811080192a0c09a110df0"
    );
}

#[test]
fn windowed_frame_uses_entry_and_retw() {
    // entry a1, 48 ; s32i.n a0, a1, 0 ; l32i.n a0, a1, 0 ; retw.n
    let code = assemble::<true>(|a| {
        a.entry(2);
        a.exit();
    });
    assert_eq!(hex(&code), "366100090108011df0");
}

#[test]
fn wide_constants_live_in_a_table_jumped_over_on_entry() {
    // j 0xc ; pad ; .word 0x12345678, -1000000 ; prologue ; l32r a2 / l32r a3 ;
    // movi.n a4, 95 ; movi a5, -33 ; movi a6, 2047 ; epilogue
    let code = assemble::<false>(|a| {
        a.entry(0);
        a.mov_reg_imm(2, 0x1234_5678);
        a.mov_reg_imm(3, -1_000_000);
        a.mov_reg_imm(4, 95);
        a.mov_reg_imm(5, -33);
        a.mov_reg_imm(6, 2047);
        a.exit();
    });
    assert_eq!(
        hex(&code),
        "0602000078563412c0bdf0ff12c1e00901c911d921e931f94121faff31fbff5cf452afdf62a7ff\
         f841e831d821c811080112c1200df0"
    );
}

#[test]
fn branches_are_short_only_backwards() {
    // beqz a2, 0 ; beqz a3, +6 (inverted) ; j L1 ; beq a4, a5, 0 ; bne a4, a5, +6 ;
    // j L1 ; j 0 ; L1: j L1
    let code = assemble::<false>(|a| {
        a.label_assign(0);
        a.jump_if_reg_zero(2, 0, false);
        a.jump_if_reg_nonzero(3, 1, false);
        a.jump_if_reg_eq(4, 5, 0);
        a.jump_if_reg_eq(4, 5, 1);
        a.jump(0);
        a.label_assign(1);
        a.jump(1);
    });
    assert_eq!(
        hex(&code),
        "16c2ff162300c602005714f357940286000086faff06ffff"
    );
}

#[test]
fn pc_relative_address_uses_call0_to_an_aligned_word() {
    // movi a2, 16 ; call0 +1 word ; 2 pad bytes ; add.n a2, a2, a0 ; movi.n a3, 1 ;
    // movi a3, 4 ; call0 ; 2 pad bytes ; add.n a3, a3, a0
    let code = assemble::<false>(|a| {
        a.mov_reg_pcrel(2, 0);
        a.mov_reg_imm(3, 1);
        a.mov_reg_pcrel(3, 0);
        a.label_assign(0);
    });
    assert_eq!(hex(&code), "22a01045000000000a220c1332a00445000000000a33");
}

#[test]
fn calls_load_the_function_from_the_table() {
    // l32i.n a8, a7, 12 ; callx8 a8 ; l32i a8, a7, 400 ; callx8 a8 ;
    // movi a8, 1200 ; add.n a8, a7, a8 ; l32i.n a8, a8, 0 ; callx8 a8
    let code = assemble::<true>(|a| {
        a.call_ind(3);
        a.call_ind(100);
        a.call_ind(300);
    });
    assert_eq!(hex(&code), "8837e00800822764e0080082a4b08a878808e00800");
    // l32i.n a0, a15, 12 ; callx0 a0 ; l32i a0, a15, 400 ; callx0 a0
    let code = assemble::<false>(|a| {
        a.call_ind(3);
        a.call_ind(100);
    });
    assert_eq!(hex(&code), "083fc00000022f64c00000");
}

#[test]
fn loads_and_stores_pick_the_shortest_form() {
    // l8ui a2, a3, 5 ; movi a2, 600 ; add.n a2, a3, a2 ; l16ui a2, a2, 0 ;
    // l32i.n a2, a3, 28 ; l32i a2, a3, 280 ; movi a6, 400 ; add.n a6, a3, a6 ; s8i a2, a6, 0 ;
    // s32i.n a2, a3, 12 ; addx2 a3, a4, a3 ; l16ui a2, a3, 0 ; addx4 a3, a4, a3 ;
    // s32i.n a2, a3, 0 ; s32i a2, a1, 24 ; l32i a2, a1, 24 ; addi a2, a1, 24 ;
    // movi a2, 420 ; add.n a2, a2, a1
    let code = assemble::<false>(|a| {
        a.load8_reg_reg_offset(2, 3, 5);
        a.load16_reg_reg_offset(2, 3, 300);
        a.load32_reg_reg_offset(2, 3, 7);
        a.load32_reg_reg_offset(2, 3, 70);
        a.store8_reg_reg_offset(2, 3, 400);
        a.store32_reg_reg_offset(2, 3, 3);
        a.load16_reg_reg_reg(2, 3, 4);
        a.store32_reg_reg_reg(2, 3, 4);
        a.mov_local_reg(1, 2);
        a.mov_reg_local(2, 1);
        a.mov_reg_local_addr(2, 1);
        a.mov_reg_local_addr(2, 100);
    });
    assert_eq!(
        hex(&code),
        "22030522a2582a23221200287322234662a1906a6322460029333034902213003034a029032261\
         0622210622c11822a1a41a22"
    );
}

#[test]
fn comparisons_branch_over_a_clear() {
    // movi.n a2, 1 ; bltu a4, a3, +1 ; movi.n a2, 0 (unsigned >: operands swapped)
    // movi.n a2, 1 ; bge a4, a3, +1 ; movi.n a2, 0 (signed <=: operands swapped)
    // ssl a3 ; sll a2, a2 ; movi.n a5, 0
    let code = assemble::<false>(|a| {
        a.set_reg_compare(Compare::More, true, 2, 3, 4);
        a.set_reg_compare(Compare::LessEqual, false, 2, 3, 4);
        a.lsl_reg_reg(2, 3);
        a.clr_reg(5);
    });
    assert_eq!(hex(&code), "0c123734010c020c1237a4010c020013400022a10c05");
}

#[test]
fn far_branches_are_reported_not_miscoded() {
    let mut asm = AsmXtensaCall0::new(1);
    for pass in [AsmPass::Compute, AsmPass::Emit] {
        asm.base.start_pass(pass);
        asm.label_assign(0);
        asm.base.write(&vec![0; 300_000]);
        asm.jump_if_reg_zero(2, 0, false);
    }
    assert_eq!(asm.error(), Some("ERROR: xtensa bccz out of range"));
}
