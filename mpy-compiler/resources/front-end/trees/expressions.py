x = ()
y = (a)
z = (a, b, c)
w = (a,)
v = a < b not in c is not d
u = f(a, b=1, *c, **d)
t = 1 if 2 else 3
s = [i for i in a]
r = {a: b, c: d}
q = {a, b}
p = lambda: 0
o = a.b.c(d)[e]
del o, p
