x = 1


def a():
    y = 2

    def b():
        z = 3

        def c():
            return x + y + z

        return c

    return b


def cells(p, q):
    r = 1

    def use():
        return p + r

    return use


def comp_closure():
    n = 5
    return [i * n for i in range(n)]


def gen_closure():
    n = 5
    return (i + n for i in range(3))


def lam():
    k = 2
    return lambda v: v * k


def walrus_comp():
    total = [y := 1, y * 2]
    return [(z := i) for i in range(3)], z


def del_local():
    v = 1
    del v


def shadow(x):
    x = x + 1
    return x


class K:
    attr = 1

    def m(self):
        return attr
