def defaults(a, b=2, *args, c=3, d, **kw):
    return a, b, args, c, d, sorted(kw.items())


print(defaults(1, d=4), defaults(1, 5, 6, 7, c=8, d=9, e=10))


def make_counter(start):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


counter = make_counter(10)
counter()
print("counter", counter(5))


def gen(n):
    for i in range(n):
        x = yield i
        if x:
            print("sent", x)
    yield from [100, 200]
    return "done"


g = gen(3)
print(next(g), g.send("hello"), list(g))
squares = (v * v for v in range(4))
print(sum(squares), list(map(lambda q: q + 1, [1, 2])))
G = 1


def set_global():
    global G
    G += 41
    return G


print(set_global(), G)


def deep():
    a = 1

    def mid():
        b = 2

        def inner():
            return a + b

        return inner

    return mid()()


print("deep", deep())
print((lambda *a, **k: (a, k))(1, 2, z=3))


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


print(fact(25))
