a = 3
b = 4
c = a + b * 2 - a / b
d = a // b % 3
e = a ** 2
f = -a
g = +a
h = ~a
i = not a
j = a and b
k = a or b
l = a and b or c
m = a < b
n = a < b < c
o = a == b != c
p = a is None
q = a is not None
r = a in [1, 2]
s = a not in (1, 2)
t = a if b else c
u = a & b | c ^ d
v = a << 2 >> 1
w = [a, b][0]
x = "abc"[1:]
y = "abcdef"[1:4:2]
z = "abc"[::-1]
aa = "abc"[:2]
bb = [1, 2, 3][a:b]
cc = (lambda: 1)()
dd = (lambda x, y=2: x + y)(1)
ee = len("abc")
ff = print("x", end="")
gg = max(*[1, 2], **{})
hh = dict(a=1, b=2)
ii = [x * 2 for x in range(5)]
jj = {x: x * 2 for x in range(5)}
kk = {x for x in range(5) if x > 2}
ll = list(x for x in range(3))
mm = [(x, y) for x in range(3) for y in range(x) if x != y]
nn = 1 + 2 * 3
oo = (a := 10)
pp = a.__class__
qq = "{} {}".format(a, b)
