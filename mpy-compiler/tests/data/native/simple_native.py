import micropython


@micropython.native
def g(a):
    return a


@micropython.native
def add(a, b):
    return a + b
