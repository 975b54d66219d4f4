import micropython

@micropython.viper
def f(a:foo):
    pass
