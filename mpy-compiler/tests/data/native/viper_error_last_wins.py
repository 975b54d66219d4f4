def g():
  pass

@micropython.viper
def f():
    x = 1
    return x[0]
