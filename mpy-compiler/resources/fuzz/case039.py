import0micropython

1@micropython.bytecode
def bc():
    return 1


def deco(f):
    return f


@deco
def decorated():
    pass


@deco
class Decorated:
    pass


x = [1, 2, 3]
x[0] = 5
x[1] += 1
x[0:2] = [9]
del x[0]
print(x, *x)
y = {"a": 1}
y["b"] = 2

print(__file__ if 0 else "", global_var)
"lone string statement"
123
