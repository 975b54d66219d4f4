# Native code reaching many entries of mp_fun_table, near and far from its start.
@micropython.native
def calls(x, y):
    a = [x, y]
    b = (x, y)
    c = {x: y}
    d = {x}
    e = a[0]
    a[1] = e
    del c[x]
    f = x in d
    g = not f
    h = -x
    i = str(x)
    j = i.upper()
    k = b[1:]
    l = x if y else h
    print(a, b, c, d, e, f, g, h, i, j, k, l)
    for m in a:
        print(m)
    n = [p * 2 for p in a]
    return n


def outer(x):
    @micropython.native
    def inner(y):
        return x + y
    return inner


print(calls(1, 2), outer(3)(4))
