use super::*;
use crate::asm::test_support::{self, hex};

fn assemble_with(ext: Rv32Extensions, f: impl Fn(&mut AsmRv32)) -> Vec<u8> {
    test_support::assemble(AsmRv32::new(4, ext), 2, f)
}

const NONE: Rv32Extensions = Rv32Extensions {
    zba: false,
    zcmp: false,
};

// Expected code checked instruction by instruction with riscv64-unknown-elf-objdump
// against the logic of py/asmrv32.c; Zcmp words decoded by hand.

#[test]
fn prologue_saves_the_used_callee_saved_registers() {
    // c.addi sp, -24 ; c.swsp s1, s2, s3, s4 ; c.lwsp ... ; c.addi sp, 24 ; c.jr ra
    let code = assemble_with(NONE, |a| {
        a.entry(2);
        a.exit();
    });
    assert_eq!(hex(&code), "211126c04ac24ec452c682441249a249324a61018280");
}

#[test]
fn calls_add_ra_and_s0_to_the_saved_set_for_later_passes() {
    // c.addi sp, -32 ; c.swsp ra, s0, s1..s4 ; c.lw s0, 20(s1) ; c.jalr s0 ;
    // lw a6, 400(s1) ; c.jalr a6 ; c.lui a6, 1 ; c.add a6, s1 ; lw a6, -1696(a6) ;
    // c.jalr a6 ; c.lwsp ... ; addi sp, sp, 32 ; c.jr ra
    let code = assemble_with(NONE, |a| {
        a.entry(2);
        a.call_ind(5);
        a.call_ind(100);
        a.call_ind(600);
        a.exit();
    });
    assert_eq!(
        hex(&code),
        "011106c022c226c44ac64ec852cac048029403a8041902980568269803280896029882401244a244\
         3249c249524a130101028280"
    );
}

#[test]
fn large_frames_and_far_locals_go_through_a_temporary() {
    let code = assemble_with(NONE, |a| {
        a.entry(600);
        a.mov_local_reg(1, 10);
        a.mov_reg_local(10, 1);
        a.mov_local_reg(20, 10);
        a.mov_reg_local(10, 20);
        a.mov_local_reg(599, 10);
        a.mov_reg_local(10, 599);
        a.mov_reg_local_addr(10, 1);
        a.mov_reg_local_addr(19, 1);
        a.mov_reg_local_addr(10, 599);
        a.exit();
    });
    // c.lui a4, -1 ; addi a4, a4, 1680 ; c.add sp, a4 ; c.swsp s1..s4 ;
    // c.swsp a0, 20 ; c.lwsp a0, 20 ; c.swsp a0, 96 ; c.lwsp a0, 96 ;
    // c.lui a6, 1 ; c.add a6, sp ; sw a0, -1684(a6) ; c.lui a0, 1 ; c.add a0, sp ;
    // lw a0, -1684(a0) ; c.addi4spn a0, sp, 20 ; addi s3, sp, 20 ;
    // c.lui a0, 1 ; addi a0, a0, -1684 ; c.add a0, sp ; c.lwsp s1..s4 ;
    // c.lui a4, 1 ; addi a4, a4, -1680 ; c.add sp, a4 ; c.jr ra
    assert_eq!(
        hex(&code),
        "7d77130707693a9126c04ac24ec452c62aca5245aad0065505680a982326a89605650a950325c596\
         48089309410105651305c5960a9582441249a249324a0567130707973a918280"
    );
}

#[test]
fn zcmp_pushes_and_pops_with_the_frame_in_chunks() {
    let zcmp = Rv32Extensions {
        zba: false,
        zcmp: true,
    };
    // cm.push {ra, s0-s4}, -32 ; c.lw s0, 20(s1) ; c.jalr s0 ; cm.popret {ra, s0-s4}, 32
    let code = assemble_with(zcmp, |a| {
        a.entry(2);
        a.call_ind(5);
        a.exit();
    });
    assert_eq!(hex(&code), "92b8c048029492be");
    // cm.push {ra, s0-s4}, -80 ; c.addi sp, -24 ; c.addi sp, 24 ; cm.popret {ra, s0-s4}, 80
    let code = assemble_with(zcmp, |a| {
        a.entry(20);
        a.exit();
    });
    assert_eq!(hex(&code), "9eb8211161019ebe");
    // ... addi sp, sp, -344 ; addi sp, sp, 344 ...
    let code = assemble_with(zcmp, |a| {
        a.entry(100);
        a.exit();
    });
    assert_eq!(hex(&code), "9eb8130181ea130181159ebe");
}

#[test]
fn immediates_take_the_shortest_sequence() {
    // c.li a0, 31 ; c.li a0, -32 ; addi a0, zero, 2047 ; lui a0, 0x12345 ;
    // addi a0, a0, 1656 ; lui a0, 0x80 ; addi a0, a0, -1 ; lui a0, 0x10 ;
    // lui a0, 0xfffee ; addi a0, a0, -837 ; lui a0, 0x10 ; c.addi a0, 16
    let code = assemble_with(NONE, |a| {
        for imm in [
            31,
            -32,
            2047,
            0x1234_5678,
            0x7ffff,
            0x10000,
            -0x12345,
            0x10010,
        ] {
            a.mov_reg_imm(10, imm);
        }
    });
    assert_eq!(
        hex(&code),
        "7d4501551305f07f3755341213058567370508001305f5ff3705010037e5feff1305b5cb37050100\
         4105"
    );
}

#[test]
fn branches_are_short_only_backwards() {
    // bne a0, zero, +12 ; auipc a6, 0 ; jalr zero, -4(a6) (a label at the branch itself
    // is not behind it) ; c.bnez a0, 0 ; bne a6, zero, 0 ; beq a0, zero, +12 ;
    // auipc/jalr L1 ; bne a0, a1, +12 ; auipc/jalr L1 ; c.j 0 ; auipc/jalr L1 ;
    // L1: auipc a0, 0 ; addi a0, a0, -52
    let code = assemble_with(NONE, |a| {
        a.label_assign(0);
        a.jump_if_reg_zero(10, 0, false);
        a.jump_if_reg_nonzero(10, 0, false);
        a.jump_if_reg_nonzero(16, 0, false);
        a.jump_if_reg_nonzero(10, 1, false);
        a.jump_if_reg_eq(10, 11, 1);
        a.jump(0);
        a.jump(1);
        a.label_assign(1);
        a.mov_reg_pcrel(10, 0);
    });
    assert_eq!(
        hex(&code),
        "63160500170800006700c8ff75f9e31908fe63060500170800006700e8016316b500170800006700\
         2801d9bf1708000067008800170500001305c5fc"
    );
}

#[test]
fn loads_and_stores_pick_the_shortest_form() {
    // c.lw a0, 12(a1) ; lw a0, 12(a6) ; lhu a0, -6(a1) ; c.lui a0, 1 ; c.add a0, a1 ;
    // lbu a0, 904(a0) ; c.sw a0, 12(a1) ; c.lui a6, 2 ; c.add a6, a1 ; sh a0, 1808(a6) ;
    // sb a0, 7(a1) ; slli a6, a2, 1 ; c.add a6, a1 ; lhu a0, 0(a6) ; slli a6, a2, 2 ;
    // c.add a6, a1 ; sw a0, 0(a6) ; add a6, a1, a2 ; lbu a0, 0(a6)
    let code = assemble_with(NONE, |a| {
        a.load32_reg_reg_offset(10, 11, 3);
        a.load32_reg_reg_offset(10, 16, 3);
        a.load16_reg_reg_offset(10, 11, -3);
        a.load8_reg_reg_offset(10, 11, 5000);
        a.store32_reg_reg_offset(10, 11, 3);
        a.store16_reg_reg_offset(10, 11, 5000);
        a.store8_reg_reg_offset(10, 11, 7);
        a.load16_reg_reg_reg(10, 11, 12);
        a.store32_reg_reg_reg(10, 11, 12);
        a.load8_reg_reg_reg(10, 11, 12);
    });
    assert_eq!(
        hex(&code),
        "c8450325c80003d5a5ff05652e9503458538c8c509682e982318a870a383a500131816002e980355\
         0800131826002e982320a8003388c50003450800"
    );
    // Zba: sh1add a6, a2, a1 ; lhu a0, 0(a6) ; sh2add a6, a2, a1 ; sw a0, 0(a6)
    let zba = Rv32Extensions {
        zba: true,
        zcmp: false,
    };
    let code = assemble_with(zba, |a| {
        a.load16_reg_reg_reg(10, 11, 12);
        a.store32_reg_reg_reg(10, 11, 12);
    });
    assert_eq!(hex(&code), "3328b620035508003348b6202320a800");
}

#[test]
fn arithmetic_and_comparisons() {
    // and a0, a1, a0 ; xor a0, a0, a1 ; c.li a0, 0 ; xori a0, a0, -1 ; sub a0, zero, a0 ;
    // c.add a0, a1 ; c.mv a0, s3 ; c.jr a4
    let code = assemble_with(NONE, |a| {
        a.and_reg_reg(10, 11);
        a.xor_reg_reg(10, 11);
        a.clr_reg(10);
        a.not_reg(10);
        a.neg_reg(10);
        a.add_reg_reg(10, 11);
        a.mov_reg_reg(10, 19);
        a.jump_reg(14);
    });
    assert_eq!(
        hex(&code),
        "33f5a5003345b50001451345f5ff3305a0402e954e850287"
    );
    // sltu a0, a1, a2 ; sltu a0, a2, a1 ; sub a0, a1, a2 ; sltiu a0, a0, 1 ;
    // sltu a0, a2, a1 ; xori a0, a0, 1 ; sltu a0, a1, a2 ; xori a0, a0, 1 ;
    // sub a0, a2, a1 ; sltu a0, zero, a0 ; slt a0, a1, a2
    let code = assemble_with(NONE, |a| {
        for cmp in [
            Compare::Less,
            Compare::More,
            Compare::Equal,
            Compare::LessEqual,
            Compare::MoreEqual,
            Compare::NotEqual,
        ] {
            a.set_reg_compare(cmp, true, 10, 11, 12);
        }
        a.set_reg_compare(Compare::Less, false, 10, 11, 12);
    });
    assert_eq!(
        hex(&code),
        "33b5c5003335b6003385c540133515003335b6001345150033b5c500134515003305b6403335a000\
         33a5c500"
    );
}
