import micropython


@micropython.viper
def f(a: int, b: int):
    y = a ** b
    return y
