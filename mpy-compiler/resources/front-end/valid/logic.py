# not/and/or folding, conditional expressions and constant tuples.
a = not 0
b = not "x"
c = 0 or x
d = 1 and x
e = x or 0 or y
f = x and 1 and y
g = () or 5
h = (1, 2) or x
i = 1 if 2 else 3
j = (1, 2, (3, "four"), None, True, ..., b"five", 6.0)
k = (1,)
l = 1, 2
m = [1, 2]
n = x[1, 2]
o = (x, 1)
p = (1, (x, 2))
q = ((), 1)
r = "" or "a_long_string_value"
for s in 1, 2, 3:
    pass
def ret():
    return 1, 2
