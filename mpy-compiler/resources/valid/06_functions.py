def f():
    pass


def g(a, b):
    return a + b


def h(a, b=1, *args, c, d=2, **kwargs):
    return a, b, args, c, d, kwargs


def k(*, x):
    return x


def defaults(a=1, b="two", c=None):
    return (a, b, c)


def outer():
    v = 1

    def inner():
        return v

    return inner


def counter():
    n = 0

    def inc():
        nonlocal n
        n += 1
        return n

    return inc


G = 0


def setg():
    global G
    G = 5
    return G


def gen(n):
    for i in range(n):
        yield i
    yield from range(3)
    x = yield
    return x


def docstring():
    """This is a docstring."""
    return 1


def annotated(a: int, b: str = "x") -> int:
    c: int = 1
    d: str
    return a


def star_params(a, *b):
    return b


def many_locals():
    a1 = 1; a2 = 2; a3 = 3; a4 = 4; a5 = 5; a6 = 6; a7 = 7; a8 = 8
    a9 = 9; a10 = 10; a11 = 11; a12 = 12; a13 = 13; a14 = 14; a15 = 15; a16 = 16; a17 = 17
    return a1 + a17 + a16


def closure_param(x):
    def inner():
        return x
    return inner


def kwonly_defaults(a, *, b=1, c):
    return a + b + c


def recursive(n):
    return 1 if n <= 1 else n * recursive(n - 1)


def cond_return(x):
    return x if x else None


print(f(), g(1, 2), h(1, c=3), k(x=1), outer()(), counter()(), setg(), list(gen(2)))
print(kwonly_defaults(1, c=2), recursive(5), star_params(1, 2, 3))
