# Frames past the narrow stack adjustment (Thumb-1 sub sp loops, Thumb-2 sub.w), locals
# past the 8-bit sp offset, and loops and conditionals long enough to need far branches.
@micropython.viper
def many_locals(x: int) -> int:
    a0 = x; a1 = a0 + 1; a2 = a1 + 1; a3 = a2 + 1; a4 = a3 + 1; a5 = a4 + 1; a6 = a5 + 1
    a7 = a6 + 1; a8 = a7 + 1; a9 = a8 + 1; b0 = a9 + 1; b1 = b0 + 1; b2 = b1 + 1; b3 = b2 + 1
    b4 = b3 + 1; b5 = b4 + 1; b6 = b5 + 1; b7 = b6 + 1; b8 = b7 + 1; b9 = b8 + 1; c0 = b9 + 1
    c1 = c0 + 1; c2 = c1 + 1; c3 = c2 + 1; c4 = c3 + 1; c5 = c4 + 1; c6 = c5 + 1; c7 = c6 + 1
    return a0 + a5 + b0 + b5 + c0 + c7


@micropython.native
def big_frame(x):
    l = [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]
    t = (x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x)
    return len(l) + len(t)


@micropython.viper
def far_loop(n: int) -> int:
    s = 0
    i = 0
    while i < n:
        s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2
        s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1
        s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2
        s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1
        s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2
        s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1
        s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2
        s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1
        s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2
        s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1
        s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2
        s += i * 5 + 7; s -= i >> 1; s += i * 3 + 1; s ^= i << 2; s += i * 5 + 7; s -= i >> 1
        if s > 1000000:
            s = s - 1000000
        i += 1
    return s


@micropython.native
def far_forward(x):
    if x:
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        y = [x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9]
        return y
    return None


print(many_locals(1), big_frame(2), far_loop(100), far_forward(3))
