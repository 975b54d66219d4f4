def f(*args, **kwargs):
    return args, kwargs


f()
f(0)
f(1, 2, 3)
f(a=1)
f(1, b=2)
f(*[1, 2])
f(**{"a": 1})
f(0, *[2], c=3, **{"d": 4})
f(*[1], *[2])
f(x for x in range(3))
a = [1]
a.append(2)
a./extend([3, 4])
print(a.pop(), len(a))
"".join(["a", "b None
obj = objecs)l
a(ts__")
