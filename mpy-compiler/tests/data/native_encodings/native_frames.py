# Frames with many locals (past the reach of the short stack-offset forms) and long loop
# bodies, so backward branches need the long encodings.
@micropython.native
def many_locals(x):
    a0 = x; a1 = a0 + 1; a2 = a1 + 1; a3 = a2 + 1; a4 = a3 + 1; a5 = a4 + 1
    a6 = a5 + 1; a7 = a6 + 1; a8 = a7 + 1; a9 = a8 + 1; a10 = a9 + 1; a11 = a10 + 1
    a12 = a11 + 1; a13 = a12 + 1; a14 = a13 + 1; a15 = a14 + 1; a16 = a15 + 1
    a17 = a16 + 1; a18 = a17 + 1; a19 = a18 + 1; a20 = a19 + 1; a21 = a20 + 1
    a22 = a21 + 1; a23 = a22 + 1; a24 = a23 + 1; a25 = a24 + 1; a26 = a25 + 1
    a27 = a26 + 1; a28 = a27 + 1; a29 = a28 + 1; a30 = a29 + 1; a31 = a30 + 1
    a32 = a31 + 1; a33 = a32 + 1; a34 = a33 + 1; a35 = a34 + 1; a36 = a35 + 1
    a37 = a36 + 1; a38 = a37 + 1; a39 = a38 + 1; a40 = a39 + 1; a41 = a40 + 1
    return a0 + a41 + a20


@micropython.viper
def long_loop(n: int) -> int:
    total = 0
    i = 0
    while i < n:
        total += i * 3
        total ^= i << 2
        total += i * 5
        total ^= i >> 1
        total += i * 7
        total ^= i << 3
        total += i * 11
        total ^= i >> 2
        total += i * 13
        total ^= i << 4
        total += i * 17
        total ^= i >> 3
        total += i * 19
        total ^= i << 5
        total += i * 23
        total ^= i >> 4
        i += 1
    return total


@micropython.native
def very_long_loop(n):
    # Long enough (over 4 KiB of code on every target) that the loop's backward branch
    # needs the far form everywhere.
    total = 0
    i = 0
    while i < n:
        total += i * 3 + 0
        total -= i * 5 + 1
        total += i * 7 + 2
        total -= i * 11 + 3
        total += i * 13 + 4
        total -= i * 17 + 5
        total += i * 19 + 6
        total -= i * 23 + 7
        total += i * 29 + 8
        total -= i * 31 + 9
        total += i * 37 + 10
        total -= i * 41 + 11
        total += i * 43 + 12
        total -= i * 47 + 13
        total += i * 53 + 14
        total -= i * 59 + 15
        total += i * 61 + 16
        total -= i * 67 + 17
        total += i * 71 + 18
        total -= i * 73 + 19
        total += i * 3 + 20
        total -= i * 5 + 21
        total += i * 7 + 22
        total -= i * 11 + 23
        total += i * 13 + 24
        total -= i * 17 + 25
        total += i * 19 + 26
        total -= i * 23 + 27
        total += i * 29 + 28
        total -= i * 31 + 29
        total += i * 37 + 30
        total -= i * 41 + 31
        total += i * 43 + 32
        total -= i * 47 + 33
        total += i * 53 + 34
        total -= i * 59 + 35
        total += i * 61 + 36
        total -= i * 67 + 37
        total += i * 71 + 38
        total -= i * 73 + 39
        total += i * 3 + 40
        total -= i * 5 + 41
        total += i * 7 + 42
        total -= i * 11 + 43
        total += i * 13 + 44
        total -= i * 17 + 45
        total += i * 19 + 46
        total -= i * 23 + 47
        total += i * 29 + 48
        total -= i * 31 + 49
        total += i * 37 + 50
        total -= i * 41 + 51
        total += i * 43 + 52
        total -= i * 47 + 53
        total += i * 53 + 54
        total -= i * 59 + 55
        total += i * 61 + 56
        total -= i * 67 + 57
        total += i * 71 + 58
        total -= i * 73 + 59
        total += i * 3 + 60
        total -= i * 5 + 61
        total += i * 7 + 62
        total -= i * 11 + 63
        total += i * 13 + 64
        total -= i * 17 + 65
        total += i * 19 + 66
        total -= i * 23 + 67
        total += i * 29 + 68
        total -= i * 31 + 69
        total += i * 37 + 70
        total -= i * 41 + 71
        total += i * 43 + 72
        total -= i * 47 + 73
        total += i * 53 + 74
        total -= i * 59 + 75
        total += i * 61 + 76
        total -= i * 67 + 77
        total += i * 71 + 78
        total -= i * 73 + 79
        total += i * 3 + 80
        total -= i * 5 + 81
        total += i * 7 + 82
        total -= i * 11 + 83
        total += i * 13 + 84
        total -= i * 17 + 85
        total += i * 19 + 86
        total -= i * 23 + 87
        total += i * 29 + 88
        total -= i * 31 + 89
        total += i * 37 + 90
        total -= i * 41 + 91
        total += i * 43 + 92
        total -= i * 47 + 93
        total += i * 53 + 94
        total -= i * 59 + 95
        total += i * 61 + 96
        total -= i * 67 + 97
        total += i * 71 + 98
        total -= i * 73 + 99
        i += 1
    return total


print(many_locals(1), long_loop(100), very_long_loop(50))
