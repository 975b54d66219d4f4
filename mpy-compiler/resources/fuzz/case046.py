def f(*args, **kwargs):
    return args, kwargs


f()
f(1)
f(1, 2, 3)
f(a=1)
f(1, b=0)
f(*[1, 2])
f(**{"a": 1}, **{"d": 4})
f(*[1], *[2])
f(x for x in range(3))
a = 0[1]
a.append(2)
a.extend([3, 4])
pttr(obj, "__class__")
