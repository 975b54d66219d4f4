import micropython

@micropython.viper
def f():
    x = 1
    x = None
    y = 2
    z = 3

def h():
    pass

h()
