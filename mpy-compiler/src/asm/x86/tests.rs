//! Encodings checked against GNU binutils: each expected byte string is what `as --32`
//! assembles from the instructions named in the test (intel syntax), with the forms gas
//! would relax (rel32 jumps, imm32 adds) spelled out as bytes.

use super::reg::*;
use super::{cc, X86};
use crate::asm::test_support;

/// Runs `emit` through both passes, as the native emitter does, and returns the code.
fn assemble(emit: impl Fn(&mut X86)) -> Vec<u8> {
    test_support::assemble(X86::new(4), 1, emit)
}

#[test]
fn register_moves_and_alu() {
    let code = assemble(|a| {
        a.mov_r32_r32(EAX, ECX);
        a.mov_r32_r32(EDI, ESP);
        a.and_r32_r32(EAX, ECX);
        a.or_r32_r32(EDX, EBX);
        a.xor_r32_r32(ESI, ESI);
        a.add_r32_r32(EAX, EDX);
        a.sub_r32_r32(ECX, EAX);
        a.mul_r32_r32(ECX, EDX);
        a.not_r32(EBX);
        a.neg_r32(EDI);
    });
    assert_eq!(
        code,
        &[
            0x89, 0xc8, 0x89, 0xe7, 0x21, 0xc8, 0x09, 0xda, 0x31, 0xf6, 0x01, 0xd0, 0x29, 0xc1,
            0x0f, 0xaf, 0xca, 0xf7, 0xd3, 0xf7, 0xdf
        ]
    );
}

#[test]
fn shifts_by_cl() {
    let code = assemble(|a| {
        a.shl_r32_cl(EAX);
        a.shr_r32_cl(EDX);
        a.sar_r32_cl(ESI);
    });
    assert_eq!(code, &[0xd3, 0xe0, 0xd3, 0xea, 0xd3, 0xfe]);
}

#[test]
fn compare_test_setcc() {
    let code = assemble(|a| {
        a.cmp_r32_with_r32(ECX, EAX);
        a.test_r8_with_r8(EAX, EAX);
        a.test_r32_with_r32(ECX, EDX);
        a.setcc_r8(cc::JE, EAX);
        a.setcc_r8(cc::JL, ECX);
        a.setcc_r8(cc::JAE, EDX);
        a.jmp_reg(EAX);
    });
    assert_eq!(
        code,
        &[
            0x39, 0xc8, 0x84, 0xc0, 0x85, 0xca, 0x0f, 0x94, 0xc0, 0x0f, 0x9c, 0xc1, 0x0f, 0x93,
            0xc2, 0xff, 0xe0
        ]
    );
}

#[test]
fn memory_operands_pick_the_displacement_size() {
    let code = assemble(|a| {
        a.mov_r8_to_mem8(ECX, EAX, 3);
        a.mov_r16_to_mem16(EDX, ESP, 0);
        a.mov_r32_to_mem32(EAX, EBP, 0);
        a.mov_r32_to_mem32(EAX, EBX, 0x200);
        a.mov_r32_to_mem32(EDI, EDX, -128);
        a.mov_mem8_to_r32zx(ECX, 1, EAX);
        a.mov_mem16_to_r32zx(ESI, 0x100, EAX);
        a.mov_mem32_to_r32(ESP, 0x40, ECX);
        a.mov_mem32_to_r32(EBX, 0, EDX);
        a.mov_mem32_to_r32(ESP, 200, EAX);
    });
    assert_eq!(
        code,
        &[
            0x88, 0x48, 0x03, 0x66, 0x89, 0x14, 0x24, 0x89, 0x45, 0x00, 0x89, 0x83, 0x00, 0x02,
            0x00, 0x00, 0x89, 0x7a, 0x80, 0x0f, 0xb6, 0x41, 0x01, 0x0f, 0xb7, 0x86, 0x00, 0x01,
            0x00, 0x00, 0x8b, 0x4c, 0x24, 0x40, 0x8b, 0x13, 0x8b, 0x84, 0x24, 0xc8, 0x00, 0x00,
            0x00
        ]
    );
}

#[test]
fn immediate_moves() {
    let code = assemble(|a| {
        assert_eq!(a.mov_i32_to_r32(0x1234_5678, EDX), 1);
        a.mov_i32_to_r32(-1, EAX);
        a.mov_i32_to_r32(0, EDI);
    });
    assert_eq!(
        code,
        &[
            0xba, 0x78, 0x56, 0x34, 0x12, 0xb8, 0xff, 0xff, 0xff, 0xff, 0xbf, 0x00, 0x00, 0x00,
            0x00
        ]
    );
}

#[test]
fn entry_exit_and_arguments() {
    let code = assemble(|a| {
        a.entry(0);
        a.mov_arg_to_r32(0, EAX);
        a.mov_arg_to_r32(3, EDI);
        a.exit();
        a.entry(100);
        a.mov_arg_to_r32(1, ECX);
        a.exit();
    });
    assert_eq!(
        code,
        &[
            0x55, 0x53, 0x56, 0x57, 0x83, 0xec, 0x0c, 0x8b, 0x44, 0x24, 0x20, 0x8b, 0x7c, 0x24,
            0x2c, 0x83, 0xec, 0xf4, 0x5f, 0x5e, 0x5b, 0x5d, 0xc3, 0x55, 0x53, 0x56, 0x57, 0x81,
            0xec, 0x9c, 0x01, 0x00, 0x00, 0x8b, 0x8c, 0x24, 0xb4, 0x01, 0x00, 0x00, 0x81, 0xec,
            0x64, 0xfe, 0xff, 0xff, 0x5f, 0x5e, 0x5b, 0x5d, 0xc3
        ]
    );
}

#[test]
fn locals() {
    let code = assemble(|a| {
        a.mov_local_to_r32(2, EAX);
        a.mov_r32_to_local(ECX, 0);
        a.mov_r32_to_local(EDX, 40);
        a.mov_local_addr_to_r32(0, ECX);
        a.mov_local_addr_to_r32(2, ECX);
    });
    assert_eq!(
        code,
        &[
            0x8b, 0x44, 0x24, 0x08, 0x89, 0x0c, 0x24, 0x89, 0x94, 0x24, 0xa0, 0x00, 0x00, 0x00,
            0x89, 0xe1, 0x8d, 0x4c, 0x24, 0x08
        ]
    );
}

#[test]
fn call_through_function_table() {
    let code = assemble(|a| {
        a.call_ind(5, 2, EAX);
        a.call_ind(0, 0, EAX);
        a.call_ind(0x50, 4, EAX);
        a.call_ind(1, 3, EAX);
        a.call_ind(1, 1, EAX);
    });
    assert_eq!(
        code,
        &[
            0x83, 0xec, 0x08, 0x51, 0x50, 0x8b, 0x45, 0x14, 0xff, 0xd0, 0x83, 0xc4, 0x10, 0x8b,
            0x45, 0x00, 0xff, 0xd0, 0x53, 0x52, 0x51, 0x50, 0x8b, 0x85, 0x40, 0x01, 0x00, 0x00,
            0xff, 0xd0, 0x83, 0xc4, 0x10, 0x83, 0xec, 0x04, 0x52, 0x51, 0x50, 0x8b, 0x45, 0x04,
            0xff, 0xd0, 0x83, 0xc4, 0x10, 0x83, 0xec, 0x0c, 0x50, 0x8b, 0x45, 0x04, 0xff, 0xd0,
            0x83, 0xc4, 0x10
        ]
    );
}

#[test]
fn jumps() {
    let code = assemble(|a| {
        a.jmp_label(0);
        a.jcc_label(cc::JNZ, 0);
        a.base.label_assign(0);
        a.base.write(&[0x90]);
        a.jmp_label(0);
        a.jcc_label(cc::JG, 0);
        for _ in 0..130 {
            a.base.write(&[0x90]);
        }
        a.jmp_label(0);
        a.jcc_label(cc::JB, 0);
    });
    assert_eq!(
        code,
        [
            &[
                0xe9, 0x06, 0x00, 0x00, 0x00, 0x0f, 0x85, 0x00, 0x00, 0x00, 0x00, 0x90, 0xeb, 0xfd,
                0x7f, 0xfb
            ][..],
            &[0x90; 130],
            &[0xe9, 0x74, 0xff, 0xff, 0xff, 0x0f, 0x82, 0x6e, 0xff, 0xff, 0xff][..]
        ]
        .concat()
    );
}

#[test]
fn pc_relative_address() {
    let code = assemble(|a| {
        a.mov_reg_pcrel(EBX, 0);
        a.base.write(&[0x90]);
        a.base.label_assign(0);
    });
    assert_eq!(
        code,
        &[0xe8, 0x00, 0x00, 0x00, 0x00, 0x5b, 0x81, 0xc3, 0x08, 0x00, 0x00, 0x00, 0x90]
    );
}

#[test]
fn jump_to_its_own_offset_takes_the_long_form() {
    // A label at the jump itself is not "behind" it, so the size is not known in the first
    // pass and the rel32 form is kept: jmp $ as e9 fb ff ff ff.
    let code = assemble(|a| {
        a.base.label_assign(0);
        a.jmp_label(0);
    });
    assert_eq!(code, [0xe9, 0xfb, 0xff, 0xff, 0xff]);
}

#[test]
fn generic_calls_push_as_many_arguments_as_the_table_entry_takes() {
    use crate::asm::{Assembler, Compare};
    let code = assemble(|a| {
        a.set_reg_compare(Compare::Less, true, EAX as u8, ECX as u8, EDX as u8);
        // Entry 45 is mp_setup_code_state, which takes four arguments.
        Assembler::call_ind(a, 45);
    });
    // xor eax, eax; cmp ecx, edx; setb al; push ebx; push edx; push ecx; push eax;
    // mov eax, [ebp+180]; call eax; add esp, 16
    assert_eq!(
        code,
        [
            0x31, 0xc0, 0x39, 0xd1, 0x0f, 0x92, 0xc0, 0x53, 0x52, 0x51, 0x50, 0x8b, 0x85, 0xb4,
            0x00, 0x00, 0x00, 0xff, 0xd0, 0x83, 0xc4, 0x10
        ]
    );
}
