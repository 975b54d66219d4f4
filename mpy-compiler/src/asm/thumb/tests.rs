//! Encodings checked against GNU binutils: each expected byte string is what
//! `arm-none-eabi-as -march=armv7-m` (or `armv6-m`) assembles from the instructions named in
//! the test, with the pc-relative literals and fixed-size sequences written out as in the
//! code MicroPython generates.

use super::reg::*;
use super::{cc, op, Thumb, ThumbArch};
use crate::asm::test_support;
use crate::asm::AsmPass;

/// Runs `emit` through both passes, as the native emitter does, and returns the code.
fn assemble(arch: ThumbArch, emit: impl Fn(&mut Thumb)) -> Vec<u8> {
    test_support::assemble(Thumb::new(arch, 4), 1, emit)
}

fn nops(n: usize) -> Vec<u8> {
    [0x00, 0xbf].repeat(n)
}

#[test]
fn wide_conditional_branch_is_refused_on_armv6m() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.base.label_assign(0);
        assert!(!a.bcc_nw_label(cc::EQ, 0, true));
    });
    assert!(code.is_empty());
}

#[test]
fn out_of_reach_narrow_branch_is_reported() {
    assemble(ThumbArch::Armv7m, |a| {
        a.base.label_assign(0);
        for _ in 0..1100 {
            a.op16(op::NOP);
        }
        let in_reach = a.b_n_label(0);
        assert_eq!(in_reach, a.base.pass() != AsmPass::Emit);
    });
}

#[test]
fn arm_state_entry_shim_on_armv6() {
    // objdump -b binary -m arm: push {r4, lr}; add lr, pc, #9; blx lr; pop {r4, lr}; bx lr
    let code = assemble(ThumbArch::Armv6, |a| a.entry(0));
    assert_eq!(
        code,
        [
            0x10, 0x40, 0x2d, 0xe9, 0x09, 0xe0, 0x8f, 0xe2, 0x3e, 0xff, 0x2f, 0xe1, 0x10, 0x40,
            0xbd, 0xe8, 0x1e, 0xff, 0x2f, 0xe1, 0xf2, 0xb5
        ]
    );
}

#[test]
fn too_many_locals_is_flagged_in_the_emit_pass() {
    let mut a = Thumb::new(ThumbArch::Armv6m, 0);
    a.mov_reg_local(R0, 256);
    assert!(!a.too_many_locals());
    a.base.start_pass(AsmPass::Emit);
    a.mov_reg_local(R0, 256);
    assert!(a.too_many_locals());
}

#[test]
fn mov_reg_reg_low_and_high() {
    let code = assemble(ThumbArch::Armv7m, |a| {
        a.mov_reg_reg(R3, R4);
        a.mov_reg_reg(R0, R8);
        a.mov_reg_reg(R9, R1);
        a.mov_reg_reg(R12, R10);
    });
    assert_eq!(code, &[0x23, 0x46, 0x40, 0x46, 0x89, 0x46, 0xd4, 0x46]);
}

#[test]
fn movw_movt() {
    let code = assemble(ThumbArch::Armv7m, |a| {
        a.mov_reg_i16(op::MOVW, R1, 0x1234);
        a.mov_reg_i16(op::MOVT, R9, 0xabcd);
        a.mov_reg_i16(op::MOVW, R0, 0xffff);
    });
    assert_eq!(
        code,
        &[0x41, 0xf2, 0x34, 0x21, 0xca, 0xf6, 0xcd, 0x39, 0x4f, 0xf6, 0xff, 0x70]
    );
}

#[test]
fn format_3_immediates() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.mov_rlo_i8(R2, 200);
        a.cmp_rlo_i8(R0, 0);
        a.add_rlo_i8(R3, 17);
        a.sub_rlo_i8(R7, 255);
    });
    assert_eq!(code, &[0xc8, 0x22, 0x00, 0x28, 0x11, 0x33, 0xff, 0x3f]);
}

#[test]
fn format_2_add_sub() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.add_rlo_rlo_rlo(R0, R1, R2);
        a.sub_rlo_rlo_rlo(R5, R6, R7);
        a.add_rlo_rlo_i3(R0, R1, 3);
        a.sub_rlo_rlo_i3(R4, R5, 7);
    });
    assert_eq!(code, &[0x88, 0x18, 0xf5, 0x1b, 0xc8, 0x1c, 0xec, 0x1f]);
}

#[test]
fn format_4_alu() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        for opcode in [
            op::FORMAT_4_AND,
            op::FORMAT_4_EOR,
            op::FORMAT_4_LSL,
            op::FORMAT_4_LSR,
            op::FORMAT_4_ASR,
            op::FORMAT_4_ADC,
            op::FORMAT_4_SBC,
            op::FORMAT_4_ROR,
            op::FORMAT_4_TST,
            op::FORMAT_4_CMN,
            op::FORMAT_4_ORR,
            op::FORMAT_4_BIC,
        ] {
            a.format_4(opcode, R2, R5);
        }
        a.neg_rlo_rlo(R0, R1);
        a.cmp_rlo_rlo(R3, R4);
        a.format_4(op::FORMAT_4_MUL, R6, R7);
        a.mvn_rlo_rlo(R1, R1);
    });
    assert_eq!(
        code,
        &[
            0x2a, 0x40, 0x6a, 0x40, 0xaa, 0x40, 0xea, 0x40, 0x2a, 0x41, 0x6a, 0x41, 0xaa, 0x41,
            0xea, 0x41, 0x2a, 0x42, 0xea, 0x42, 0x2a, 0x43, 0xaa, 0x43, 0x48, 0x42, 0xa3, 0x42,
            0x7e, 0x43, 0xc9, 0x43
        ]
    );
}

#[test]
fn format_5_hi_registers() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.add_reg_reg(R0, PC);
        a.add_reg_reg(R9, R2);
        a.bx_reg(R3);
        a.bx_reg(LR);
    });
    assert_eq!(code, &[0x78, 0x44, 0x91, 0x44, 0x18, 0x47, 0x70, 0x47]);
}

#[test]
fn register_offset_loads_and_stores() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.ldrb_rlo_rlo_rlo(R0, R1, R2);
        a.ldrh_rlo_rlo_rlo(R3, R4, R5);
        a.ldr_rlo_rlo_rlo(R6, R7, R0);
        a.strb_rlo_rlo_rlo(R1, R2, R3);
        a.strh_rlo_rlo_rlo(R4, R5, R6);
        a.str_rlo_rlo_rlo(R7, R0, R1);
    });
    assert_eq!(
        code,
        &[0x88, 0x5c, 0x63, 0x5b, 0x3e, 0x58, 0xd1, 0x54, 0xac, 0x53, 0x47, 0x50]
    );
}

#[test]
fn shifts_and_extension() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.lsl_rlo_rlo_i5(R1, R2, 5);
        a.asr_rlo_rlo_i5(R1, R2, 3);
        a.format_1(op::FORMAT_1_LSR, R0, R7, 31);
        a.sxth_rlo_rlo(R0, R1);
        a.format_11(op::FORMAT_11_UXTB, R2, R3);
        a.format_11(op::FORMAT_11_SXTB, R4, R5);
        a.format_11(op::FORMAT_11_UXTH, R6, R7);
    });
    assert_eq!(
        code,
        &[0x51, 0x01, 0xd1, 0x10, 0xf8, 0x0f, 0x08, 0xb2, 0xda, 0xb2, 0x6c, 0xb2, 0xbe, 0xb2]
    );
}

#[test]
fn immediate_offset_formats_9_10() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.format_9_10(op::FORMAT_9_LDR | op::FORMAT_9_WORD_TRANSFER, R0, R1, 5);
        a.format_9_10(op::FORMAT_9_STR | op::FORMAT_9_BYTE_TRANSFER, R2, R3, 31);
        a.format_9_10(op::FORMAT_10_LDRH, R4, R5, 2);
        a.format_9_10(op::FORMAT_10_STRH, R6, R7, 1);
    });
    assert_eq!(code, &[0x48, 0x69, 0xda, 0x77, 0xac, 0x88, 0x7e, 0x80]);
}

#[test]
fn load_store_offsets_armv7m() {
    let code = assemble(ThumbArch::Armv7m, |a| {
        a.load_reg_reg_offset(R0, R1, 3, 2);
        a.load_reg_reg_offset(R0, R1, 3, 1);
        a.load_reg_reg_offset(R0, R1, 3, 0);
        a.load_reg_reg_offset(R3, R7, 40, 2);
        a.load_reg_reg_offset(R8, R1, 2, 2);
        a.load_reg_reg_offset(R2, R3, 100, 1);
        a.store_reg_reg_offset(R0, R1, 31, 2);
        a.store_reg_reg_offset(R0, R1, 32, 2);
        a.store_reg_reg_offset(R5, R6, 1000, 0);
        a.store_reg_reg_offset(R9, R2, 1, 1);
    });
    assert_eq!(
        code,
        &[
            0xc8, 0x68, 0xc8, 0x88, 0xc8, 0x78, 0xd7, 0xf8, 0xa0, 0x30, 0xd1, 0xf8, 0x08, 0x80,
            0xb3, 0xf8, 0xc8, 0x20, 0xc8, 0x67, 0xc1, 0xf8, 0x80, 0x00, 0x86, 0xf8, 0xe8, 0x53,
            0xa2, 0xf8, 0x02, 0x90
        ]
    );
}

#[test]
fn load_store_offsets_armv6m() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.load_reg_reg_offset(R3, R7, 32, 2);
        a.load_reg_reg_offset(R0, R0, 300, 2);
        a.load_reg_reg_offset(R1, R2, 100, 0);
        a.store_reg_reg_offset(R0, R1, 40, 2);
        a.store_reg_reg_offset(R0, R1, 1000, 1);
    });
    assert_eq!(
        code,
        &[
            0x3b, 0x46, 0x04, 0x33, 0xdb, 0x6f, 0x80, 0xb4, 0x04, 0x27, 0x3f, 0x02, 0x34, 0x37,
            0xc0, 0x19, 0x80, 0xbc, 0xc0, 0x6f, 0x11, 0x46, 0x45, 0x31, 0xc9, 0x7f, 0x02, 0xb4,
            0x24, 0x31, 0xc8, 0x67, 0x02, 0xbc, 0x02, 0xb4, 0x40, 0xb4, 0x07, 0x26, 0x36, 0x02,
            0x92, 0x36, 0x89, 0x19, 0x40, 0xbc, 0xc8, 0x87, 0x02, 0xbc
        ]
    );
}

#[test]
fn locals_on_the_stack() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.mov_local_reg(5, R2);
        a.mov_reg_local(R1, 3);
        a.mov_reg_local_addr(R0, 2);
    });
    assert_eq!(code, &[0x05, 0x92, 0x03, 0x99, 0x02, 0xa8]);
}

#[test]
fn call_through_function_table_armv7m() {
    let code = assemble(ThumbArch::Armv7m, |a| {
        a.bl_ind(3, R3);
        a.bl_ind(0x40, R4);
    });
    assert_eq!(
        code,
        &[0xfb, 0x68, 0x98, 0x47, 0xd7, 0xf8, 0x00, 0x41, 0xa0, 0x47]
    );
}

#[test]
fn call_through_function_table_armv6m() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.bl_ind(0x40, R3);
    });
    assert_eq!(code, &[0x3b, 0x46, 0x84, 0x33, 0xdb, 0x6f, 0x98, 0x47]);
}

#[test]
fn entry_exit_small_frames() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.entry(0);
        a.exit();
        a.entry(3);
        a.exit();
        a.entry(6);
        a.exit();
    });
    assert_eq!(
        code,
        &[
            0xf2, 0xb5, 0xf2, 0xbd, 0xfe, 0xb5, 0xfe, 0xbd, 0xfe, 0xb5, 0x84, 0xb0, 0x04, 0xb0,
            0xfe, 0xbd
        ]
    );
}

#[test]
fn entry_exit_large_frame_armv7m() {
    let code = assemble(ThumbArch::Armv7m, |a| {
        a.entry(300);
        a.exit();
    });
    assert_eq!(
        code,
        &[0xfe, 0xb5, 0xad, 0xf2, 0xa8, 0x4d, 0x0d, 0xf2, 0xa8, 0x4d, 0xfe, 0xbd]
    );
}

#[test]
fn entry_exit_large_frame_armv6m() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.entry(300);
        a.exit();
    });
    assert_eq!(
        code,
        &[
            0xfe, 0xb5, 0xff, 0xb0, 0xff, 0xb0, 0xac, 0xb0, 0x7f, 0xb0, 0x7f, 0xb0, 0x2c, 0xb0,
            0xfe, 0xbd
        ]
    );
}

#[test]
fn mov_reg_i32_armv7m() {
    let code = assemble(ThumbArch::Armv7m, |a| {
        assert_eq!(a.mov_reg_i32(R2, 0x1234_5678), 0);
        a.mov_reg_i32_optimised(R0, 200);
        a.mov_reg_i32_optimised(R0, 300);
        a.mov_reg_i32_optimised(R9, 5);
        a.mov_reg_i32_optimised(R1, -1);
        a.mov_reg_i32_optimised(R1, 0x10000);
    });
    assert_eq!(
        code,
        &[
            0x45, 0xf2, 0x78, 0x62, 0xc1, 0xf2, 0x34, 0x22, 0xc8, 0x20, 0x40, 0xf2, 0x2c, 0x10,
            0x40, 0xf2, 0x05, 0x09, 0x4f, 0xf6, 0xff, 0x71, 0xcf, 0xf6, 0xff, 0x71, 0x40, 0xf2,
            0x00, 0x01, 0xc0, 0xf2, 0x01, 0x01
        ]
    );
}

#[test]
fn mov_reg_i32_armv6m() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.mov_reg_i32(R2, 0x1234_5678);
        a.mov_reg_i32_optimised(R0, 0x1000);
        a.mov_reg_i32_optimised(R0, -5);
        a.mov_reg_i32_optimised(R1, 0x1234);
        a.mov_reg_i32_optimised(R3, -0x1234);
        a.mov_reg_i32_optimised(R4, -0x12345);
        a.mov_reg_i32_optimised(R5, i32::MIN);
    });
    assert_eq!(
        code,
        &[
            0x00, 0x4a, 0x01, 0xe0, 0x78, 0x56, 0x34, 0x12, 0x01, 0x20, 0x00, 0x03, 0x05, 0x20,
            0x00, 0x00, 0x40, 0x42, 0x12, 0x21, 0x09, 0x02, 0x34, 0x31, 0x12, 0x23, 0x1b, 0x02,
            0x34, 0x33, 0x5b, 0x42, 0x00, 0x4c, 0x01, 0xe0, 0xbb, 0xdc, 0xfe, 0xff, 0x01, 0x25,
            0xed, 0x07
        ]
    );
}

#[test]
fn mov_reg_i32_armv6m_aligns_its_literal() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.op16(op::NOP);
        a.mov_reg_i32(R0, 0xdead_beef);
    });
    assert_eq!(
        code,
        &[0x00, 0xbf, 0x00, 0xbf, 0x00, 0x48, 0x01, 0xe0, 0xef, 0xbe, 0xad, 0xde]
    );
}

#[test]
fn branches_armv7m() {
    let code = assemble(ThumbArch::Armv7m, |a| {
        a.b_label(0);
        a.bcc_label(cc::EQ, 0);
        a.op16(op::NOP);
        a.base.label_assign(0);
        a.op16(op::NOP);
        a.b_label(0);
        a.bcc_label(cc::NE, 0);
    });
    assert_eq!(
        code,
        &[
            0x00, 0xf0, 0x03, 0xb8, 0x00, 0xf0, 0x01, 0x80, 0x00, 0xbf, 0x00, 0xbf, 0xfd, 0xe7,
            0xfc, 0xd1
        ]
    );
}

#[test]
fn branches_armv7m_backward_out_of_narrow_reach() {
    let code = assemble(ThumbArch::Armv7m, |a| {
        a.base.label_assign(0);
        for _ in 0..200 {
            a.op16(op::NOP);
        }
        a.bcc_label(cc::HI, 0);
        for _ in 0..1000 {
            a.op16(op::NOP);
        }
        a.b_label(0);
    });
    assert_eq!(
        code,
        [
            &nops(200),
            &[0x3f, 0xf6, 0x36, 0xaf][..],
            &nops(1000),
            &[0xff, 0xf7, 0x4c, 0xbb][..]
        ]
        .concat()
    );
}

#[test]
fn branches_armv6m() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.b_label(0);
        a.bcc_label(cc::EQ, 0);
        a.base.label_assign(0);
        a.b_label(0);
        a.bcc_label(cc::GT, 0);
    });
    assert_eq!(
        code,
        &[
            0x08, 0xe0, 0x00, 0xbf, 0x00, 0xbf, 0x00, 0xbf, 0x04, 0xd1, 0x03, 0xe0, 0x00, 0xbf,
            0x00, 0xbf, 0x00, 0xbf, 0x00, 0xbf, 0xfe, 0xe7, 0xfd, 0xdc
        ]
    );
}

#[test]
fn far_forward_branch_armv6m() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.b_label(0);
        for _ in 0..1100 {
            a.op16(op::NOP);
        }
        a.base.label_assign(0);
    });
    assert_eq!(
        code,
        [
            &[0x00, 0x49, 0x8f, 0x44, 0x9a, 0x08, 0x00, 0x00][..],
            &nops(1100)
        ]
        .concat()
    );
}

#[test]
fn far_forward_conditional_branch_armv6m() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.bcc_label(cc::EQ, 0);
        for _ in 0..1100 {
            a.op16(op::NOP);
        }
        a.base.label_assign(0);
    });
    assert_eq!(
        code,
        [
            &[0x04, 0xd1, 0x00, 0xbf, 0x00, 0x49, 0x8f, 0x44, 0x9a, 0x08, 0x00, 0x00][..],
            &nops(1100)
        ]
        .concat()
    );
}

#[test]
fn pc_relative_address_armv7m() {
    let code = assemble(ThumbArch::Armv7m, |a| {
        a.mov_reg_pcrel(R0, 0);
        a.op16(op::NOP);
        a.base.label_assign(0);
    });
    assert_eq!(
        code,
        &[0x40, 0xf2, 0x01, 0x00, 0x00, 0xb2, 0x78, 0x44, 0x00, 0xbf]
    );
}

#[test]
fn pc_relative_address_armv6m() {
    let code = assemble(ThumbArch::Armv6m, |a| {
        a.mov_reg_pcrel(R0, 0);
        a.op16(op::NOP);
        a.base.label_assign(0);
    });
    assert_eq!(
        code,
        &[0x00, 0x20, 0x00, 0x02, 0x01, 0x30, 0x00, 0xb2, 0x78, 0x44, 0x00, 0xbf]
    );
}

#[test]
fn inline_branch_forms() {
    let code = assemble(ThumbArch::Armv7m, |a| {
        a.base.label_assign(0);
        a.op16(op::NOP);
        assert!(a.b_n_label(0));
        assert!(a.bcc_nw_label(cc::LT, 0, false));
        assert!(a.bcc_nw_label(cc::GE, 0, true));
        assert!(a.bl_label(0));
        a.it_cc(cc::EQ, 8);
        a.mov_reg_reg(R0, R1);
        a.bcc_rel9(cc::NE, 6);
        a.b_rel12(4);
        a.op16(op::NOP);
    });
    assert_eq!(
        code,
        &[
            0x00, 0xbf, 0xfd, 0xe7, 0xfc, 0xdb, 0xbf, 0xf6, 0xfb, 0xaf, 0xff, 0xf7, 0xf9, 0xff,
            0x08, 0xbf, 0x08, 0x46, 0x01, 0xd1, 0x00, 0xe0, 0x00, 0xbf
        ]
    );
}

#[test]
fn viper_comparison_uses_it_on_armv7m_and_branches_on_armv6m() {
    use crate::asm::{Assembler, Compare};
    let v7 = assemble(ThumbArch::Armv7m, |a| {
        a.set_reg_compare(Compare::Less, true, 0, 1, 2);
        a.set_reg_compare(Compare::MoreEqual, false, 0, 1, 2);
    });
    // cmp r1, r2; ite cc; movcc r0, #1; movcs r0, #0; cmp r1, r2; ite ge; ...
    assert_eq!(
        v7,
        [
            0x91, 0x42, 0x34, 0xbf, 0x01, 0x20, 0x00, 0x20, 0x91, 0x42, 0xac, 0xbf, 0x01, 0x20,
            0x00, 0x20
        ]
    );
    let v6 = assemble(ThumbArch::Armv6m, |a| {
        a.set_reg_compare(Compare::LessEqual, false, 0, 1, 2);
    });
    // cmp r1, r2; ble.n 1f; movs r0, #0; b.n 2f; 1: movs r0, #1; 2:
    assert_eq!(
        v6,
        [0x91, 0x42, 0x01, 0xdd, 0x00, 0x20, 0x00, 0xe0, 0x01, 0x20]
    );
}

#[test]
fn indexed_stores_save_the_scaled_index() {
    use crate::asm::Assembler;
    let code = assemble(ThumbArch::Armv6m, |a| {
        Assembler::store32_reg_reg_reg(a, 2, 0, 1);
        Assembler::load16_reg_reg_reg(a, 0, 0, 1);
    });
    // push {r1}; lsls r1, r1, #2; str r2, [r0, r1]; pop {r1}; lsls r2, r1, #1; ldrh r0, [r0, r2]
    assert_eq!(
        code,
        [0x02, 0xb4, 0x89, 0x00, 0x42, 0x50, 0x02, 0xbc, 0x4a, 0x00, 0x80, 0x5a]
    );
}
