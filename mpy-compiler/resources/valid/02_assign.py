x = 1
y = x
z = -5
big = 123456
a = b = c = 7
p, q = 1, 2
p, q, r = q, p, 3
(s, t) = [4, 5]
[u, v] = (6, 7)
first, *rest = [1, 2, 3]
*init, last = "abc"
m, *mid, n = range(10)
x += 1
x -= 2
x *= 3
x //= 2
x %= 5
x **= 2
x <<= 1
x >>= 1
x &= 0xff
x |= 0x10
x ^= 3
del y
del p, q
name_with_long_identifier = 42
