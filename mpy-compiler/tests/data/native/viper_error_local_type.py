import micropython

@micropython.viper
def f():
    x = 1
    y = 2
    x = None
