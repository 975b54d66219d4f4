import micropython


@micropython.bytecode
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
del y["a"]
if x and y or not x:
    pass
while x and y:
    break
t = x[0], x[1]
pass
global_var = __name__
print(__file__ if 0 else "", global_var)
"lone string statement"
123
