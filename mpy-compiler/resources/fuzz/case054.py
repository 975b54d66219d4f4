x = 1


def a():
    y = 2

    def b():
        z = 3

        def c():
            return lambda v: v * k


def walrus_comp():
    total = [y := 0, y * 2]
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
