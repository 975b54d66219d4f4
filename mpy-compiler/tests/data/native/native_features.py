# Native functions across the language: calls, closures, generators, exceptions, with.
import micropython


@micropython.native
def arith(a, b):
    return (a + b) * (a - b) // 3, a % 7, -a, a**2, a / 4


@micropython.native
def loops(n):
    total = 0
    for i in range(n):
        if i % 3 == 0:
            continue
        total += i
        if total > 1000:
            break
    while n > 0:
        n -= 2
    return total, n


@micropython.native
def containers():
    l = [1, 2, 3]
    d = {"a": 1, "b": [l, (4, 5)]}
    s = {x * 2 for x in l}
    l.append(len(d))
    return l, sorted(s), d["b"][1][0], l[1:], {k: v for k, v in d.items() if k == "a"}


@micropython.native
def gen(n):
    for i in range(n):
        yield i * i
    yield from (7, 8)


@micropython.native
def outer(x):
    def inner(y):
        return x + y

    return inner


@micropython.native
def catches(v):
    try:
        if v:
            raise ValueError("bad", v)
        return "none"
    except ValueError as e:
        return "caught " + str(e.args[1])
    finally:
        print("finally", v)


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *args):
        print("exit", args[0] is not None)
        return True


@micropython.native
def with_block(fail):
    with Ctx():
        if fail:
            raise KeyError(fail)
        print("body")
    return "after"


@micropython.native
def defaults(a, b=2, *args, c=3, **kw):
    return a, b, args, c, sorted(kw.items())


print(arith(17, 5))
print(loops(50))
print(containers())
print(list(gen(5)))
print(outer(10)(32))
print(catches(0), catches(9))
print(with_block(None), with_block("k"))
print(defaults(1), defaults(1, 5, 6, 7, c=8, z=9))
